//! Term recognition in running text.
//!
//! Every word of the text is folded (lower case, Latin, no diacritics; a
//! mixed-script word is first read in its main script) and the folded words
//! are joined by single spaces. One Aho–Corasick automaton holds the folded
//! stem of the first word of every term, preceded by a space so that it only
//! matches at the start of a word. Each hit is then checked word by word:
//! the rest of the word must be an ending the language's rules allow for that
//! term word ([`super::inflect`]), and the following words must match the
//! term's following words, separated by nothing but spaces. Overlapping
//! candidates are resolved leftmost-longest, then by the closest match.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind as AcMatchKind};
use serde::Serialize;

use super::elision;
use super::inflect::{self, WordForms};
use super::script::{self, Script};
use super::{Glossary, Status, Term, lang_matches};
use crate::text::{Folder, Folding};

/// How an occurrence differs from the glossary term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    /// Written exactly as the term.
    Exact,
    /// Other capitalisation (sentence start, headline capitals).
    CaseFolded,
    /// Another case form (Prištini for Priština).
    Inflected,
    /// The other Serbian script (Приштина for Priština).
    Transliterated,
    /// A word mixing Latin and Cyrillic look-alike letters.
    MixedScript,
    /// Diacritics missing or different (Radoicic for Radoičić): QA should flag it.
    DiacriticFolded,
}

impl MatchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::CaseFolded => "case-folded",
            MatchKind::Inflected => "inflected",
            MatchKind::Transliterated => "transliterated",
            MatchKind::MixedScript => "mixed-script",
            MatchKind::DiacriticFolded => "diacritic-folded",
        }
    }

    /// How far the match is from the term, for choosing between candidates.
    fn penalty(self) -> u32 {
        match self {
            MatchKind::Exact => 0,
            MatchKind::CaseFolded => 1,
            MatchKind::Inflected => 2,
            MatchKind::Transliterated => 1,
            MatchKind::MixedScript => 4,
            MatchKind::DiacriticFolded => 8,
        }
    }
}

/// One occurrence of a glossary term in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Occurrence {
    /// Byte offsets into the text.
    pub start: usize,
    pub end: usize,
    /// Character (Unicode scalar) offsets into the text.
    pub char_start: usize,
    pub char_end: usize,
    /// Concept id.
    pub concept: String,
    /// The glossary term that matched, its language and status.
    pub term: String,
    pub term_lang: String,
    pub status: Status,
    /// The text as found.
    pub found: String,
    /// How it matched: `["exact"]`, or the ways it differs.
    pub how: Vec<MatchKind>,
}

#[derive(Debug)]
struct TermWord {
    /// Lower-case Latin with diacritics.
    lower: String,
    /// Folded whole word.
    folded: String,
    /// Folded stem (what the text word must start with).
    stem: String,
    /// `lower` cut to the stem.
    stem_lower: String,
    /// Folded ending → written endings.
    endings: HashMap<String, Vec<String>>,
    /// Folded alternates (`i`, `te`, …) and their written forms.
    alternates: Vec<(String, String)>,
    shape: (bool, bool),
    script: Script,
    /// Joined to the word before by a hyphen (Kosovo-Metohija), not a space.
    after_hyphen: bool,
}

#[derive(Debug)]
struct Entry {
    concept: usize,
    term: Term,
    words: Vec<TermWord>,
}

/// Recognises the terms of one language (and its other scripts) in text.
/// Build once, use on many texts.
#[derive(Debug)]
pub struct Recogniser {
    concept_ids: Vec<String>,
    entries: Vec<Entry>,
    ac: Option<AhoCorasick>,
    /// Per pattern: the entries whose first stem it is.
    by_pattern: Vec<Vec<usize>>,
    /// How the language folds (Serbo-Croatian reads `dj` as `đ`).
    folding: Folding,
    /// The text's language: look-alike letters are read in its alphabet.
    lang: String,
    /// Its elided words (l', dell'), read as words of their own.
    elided: &'static [String],
}

/// A word of the text being searched.
struct TextWord {
    start: usize,
    end: usize,
    /// Byte range in the folded text.
    fstart: usize,
    fend: usize,
    mixed: bool,
}

struct Candidate {
    first_word: usize,
    n_words: usize,
    entry: usize,
    how: Vec<MatchKind>,
    penalty: u32,
}

impl Recogniser {
    /// A recogniser for text in `lang` (terms of the same tag or primary language).
    pub fn new(glossary: &Glossary, lang: &str) -> Recogniser {
        let rules = inflect::rules_for(lang);
        let folding = Folding::of(lang);
        let folder = Folder::new(folding);
        let elided = elision::for_lang(lang);
        let mut entries = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_ids: HashMap<String, usize> = HashMap::new();
        let mut by_pattern: Vec<Vec<usize>> = Vec::new();
        for (ci, c) in glossary.concepts.iter().enumerate() {
            for t in c.terms.iter().filter(|t| lang_matches(&t.lang, lang)) {
                let term_rules = inflect::rules_for(&t.lang).or(rules);
                // Read as text is: without default-ignorable characters.
                let visible = crate::text::without_ignorables(&t.text).map(|(v, _)| v);
                let term_text = visible.as_deref().unwrap_or(&t.text);
                let ws = recognition_words(term_text, elided);
                if ws.is_empty() {
                    continue;
                }
                let lower: Vec<String> = ws.iter().map(|w| lower_word(w)).collect();
                let positions = inflect::positions(term_rules, &lower);
                let words: Vec<TermWord> = ws
                    .iter()
                    .zip(positions)
                    .enumerate()
                    .map(|(i, (w, pos))| {
                        let mut tw = term_word(&folder, term_rules, w, pos, t.exact_only);
                        tw.after_hyphen = i > 0 && term_text[..offset(term_text, w)].ends_with('-');
                        tw
                    })
                    .collect();
                let pattern = format!(" {}", words[0].stem);
                let pid = *pattern_ids.entry(pattern.clone()).or_insert_with(|| {
                    patterns.push(pattern);
                    by_pattern.push(Vec::new());
                    by_pattern.len() - 1
                });
                by_pattern[pid].push(entries.len());
                entries.push(Entry {
                    concept: ci,
                    term: t.clone(),
                    words,
                });
            }
        }
        let ac = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(AcMatchKind::Standard)
                    .build(&patterns)
                    .expect("glossary patterns fit an Aho-Corasick automaton"),
            )
        };
        Recogniser {
            concept_ids: glossary.concepts.iter().map(|c| c.id.clone()).collect(),
            entries,
            ac,
            by_pattern,
            folding,
            lang: lang.to_string(),
            elided,
        }
    }

    /// Number of terms this recogniser looks for.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Index of the concept (in the glossary) of an occurrence's id.
    pub fn concept_index(&self, id: &str) -> Option<usize> {
        self.concept_ids.iter().position(|c| c == id)
    }

    /// Every occurrence of a term in `text`, in text order, not overlapping.
    /// Default-ignorable characters (a soft hyphen, a zero-width space or
    /// joiner, U+FEFF) are read as absent: `Pri\u{ad}štini` is Prištini.
    /// Spans and `found` are in `text` as given.
    pub fn find(&self, text: &str) -> Vec<Occurrence> {
        if self.ac.is_none() {
            return Vec::new();
        }
        let Some((visible, from)) = crate::text::without_ignorables(text) else {
            return self.find_visible(text);
        };
        let mut out = self.find_visible(&visible);
        let (mut chars_seen, mut bytes_seen) = (0, 0);
        let mut char_at = |byte: usize| {
            chars_seen += text[bytes_seen..byte].chars().count();
            bytes_seen = byte;
            chars_seen
        };
        for o in &mut out {
            // Each visible byte is the same byte of `text`: the span runs
            // from the first byte found to just after the last one.
            o.start = from[o.start];
            o.end = from[o.end - 1] + 1;
            o.char_start = char_at(o.start);
            o.char_end = char_at(o.end);
            o.found = text[o.start..o.end].to_string();
        }
        out
    }

    /// [`Self::find`] in text without default-ignorable characters.
    fn find_visible(&self, text: &str) -> Vec<Occurrence> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let folder = Folder::new(self.folding);
        let mut folded = String::with_capacity(text.len() + 16);
        let mut words: Vec<TextWord> = Vec::new();
        let base = text.as_ptr() as usize;
        for w in recognition_words(text, self.elided) {
            let start = w.as_ptr() as usize - base;
            folded.push(' ');
            let fstart = folded.len();
            let repaired = script::repair_mixed(w, &self.lang);
            match &repaired {
                Some(r) => {
                    for c in r.chars() {
                        folder.push(c, &mut folded);
                    }
                }
                None => {
                    for c in w.chars() {
                        folder.push(c, &mut folded);
                    }
                }
            }
            words.push(TextWord {
                start,
                end: start + w.len(),
                fstart,
                fend: folded.len(),
                mixed: repaired.is_some(),
            });
        }
        folded.push(' ');

        let mut candidates = Vec::new();
        for m in ac.find_overlapping_iter(folded.as_str()) {
            let fpos = m.start() + 1;
            let Ok(wi) = words.binary_search_by_key(&fpos, |w| w.fstart) else {
                continue;
            };
            for &ei in &self.by_pattern[m.pattern().as_usize()] {
                if let Some(c) = self.check(ei, wi, text, &folded, &words, &folder) {
                    candidates.push(c);
                }
            }
        }
        self.resolve(text, &words, candidates)
    }

    fn check(
        &self,
        ei: usize,
        wi: usize,
        text: &str,
        folded: &str,
        words: &[TextWord],
        folder: &Folder,
    ) -> Option<Candidate> {
        let entry = &self.entries[ei];
        let n = entry.words.len();
        if wi + n > words.len() {
            return None;
        }
        let mut how = Vec::new();
        for (k, tw) in entry.words.iter().enumerate() {
            let w = &words[wi + k];
            if k > 0 {
                let gap = &text[words[wi + k - 1].end..w.start];
                // Only spaces (one line break at most) between the words of a
                // term; a hyphen where the term has one.
                if tw.after_hyphen {
                    if gap != "-" {
                        return None;
                    }
                } else if !gap.chars().all(char::is_whitespace) || gap.matches('\n').count() > 1 {
                    return None;
                }
            }
            let fw = &folded[w.fstart..w.fend];
            let orig = &text[w.start..w.end];
            for kind in match_word(tw, fw, orig, w.mixed, &entry.term, folder, &self.lang)? {
                if !how.contains(&kind) {
                    how.push(kind);
                }
            }
        }
        how.sort();
        if how.is_empty() {
            how.push(MatchKind::Exact);
        }
        let penalty = how.iter().map(|k| k.penalty()).sum();
        Some(Candidate {
            first_word: wi,
            n_words: n,
            entry: ei,
            how,
            penalty,
        })
    }

    fn resolve(
        &self,
        text: &str,
        words: &[TextWord],
        mut cands: Vec<Candidate>,
    ) -> Vec<Occurrence> {
        cands.sort_by(|a, b| {
            a.first_word
                .cmp(&b.first_word)
                .then(b.n_words.cmp(&a.n_words))
                .then(a.penalty.cmp(&b.penalty))
                .then(
                    self.entries[a.entry]
                        .term
                        .status
                        .cmp(&self.entries[b.entry].term.status),
                )
                .then(a.entry.cmp(&b.entry))
        });
        let mut out = Vec::new();
        let mut next_free = 0;
        let mut chars_seen = 0;
        let mut bytes_seen = 0;
        let mut char_at = |byte: usize| {
            chars_seen += text[bytes_seen..byte].chars().count();
            bytes_seen = byte;
            chars_seen
        };
        for c in cands {
            if c.first_word < next_free {
                continue;
            }
            next_free = c.first_word + c.n_words;
            let e = &self.entries[c.entry];
            let start = words[c.first_word].start;
            let end = words[c.first_word + c.n_words - 1].end;
            let char_start = char_at(start);
            let char_end = char_at(end);
            out.push(Occurrence {
                start,
                end,
                char_start,
                char_end,
                concept: self.concept_ids[e.concept].clone(),
                term: e.term.text.clone(),
                term_lang: e.term.lang.clone(),
                status: e.term.status,
                found: text[start..end].to_string(),
                how: c.how,
            });
        }
        out
    }
}

/// The words of a text or term, as recognition sees them: a hyphen
/// between two capitalised names separates them (Beograd-Priština,
/// Belgrade-Pristina, as an en dash does), while a hyphen before a
/// lower-case ending (NATO-s, KFOR-u, BE-së) or inside a common word
/// (Serb-majority) joins. An elided article or pronoun of the language
/// (`elided`: l'OTAN, dell'Unione) is a word of its own.
fn recognition_words<'a>(s: &'a str, elided: &[String]) -> Vec<&'a str> {
    let capitalised = |p: &str| p.chars().next().is_some_and(char::is_uppercase);
    let mut out = Vec::new();
    for mut w in crate::text::words(s) {
        if let Some(n) = elision::prefix_len(w, elided) {
            out.push(&w[..n]);
            w = &w[n..];
        }
        let mut start = 0;
        for (i, _) in w.match_indices('-') {
            if capitalised(&w[start..i]) && capitalised(&w[i + 1..]) {
                out.push(&w[start..i]);
                start = i + 1;
            }
        }
        out.push(&w[start..]);
    }
    out
}

/// Byte offset of `part`, a slice of `whole`.
fn offset(whole: &str, part: &str) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

/// A word in lower-case Latin, its apostrophes written `'` (as folding
/// writes them): d’Ivoire is written as d'Ivoire, not without a diacritic.
fn lower_word(w: &str) -> String {
    let lower = script::lower_latin(w);
    if lower.contains(['’', 'ʼ']) {
        lower.replace(['’', 'ʼ'], "'")
    } else {
        lower
    }
}

fn term_word(
    folder: &Folder,
    rules: Option<&inflect::Rules>,
    w: &str,
    pos: inflect::Position,
    exact_only: bool,
) -> TermWord {
    let lower = lower_word(w);
    let WordForms {
        stem_chars,
        endings,
        alternates,
    } = inflect::word_forms(rules, w, &lower, pos, exact_only);
    let stem_lower: String = lower.chars().take(stem_chars).collect();
    let mut by_fold: HashMap<String, Vec<String>> = HashMap::new();
    for e in endings {
        by_fold.entry(folder.fold(&e)).or_default().push(e);
    }
    TermWord {
        stem: folder.fold(&stem_lower),
        stem_lower,
        endings: by_fold,
        alternates: alternates
            .into_iter()
            .map(|a| (folder.fold(&a), a))
            .collect(),
        shape: script::case_shape(w),
        script: script::script(w),
        after_hyphen: false,
        folded: folder.fold(&lower),
        lower,
    }
}

/// Check one text word against one term word; the ways it differs, or None.
fn match_word(
    tw: &TermWord,
    fw: &str,
    orig: &str,
    mixed: bool,
    term: &Term,
    folder: &Folder,
    lang: &str,
) -> Option<Vec<MatchKind>> {
    let mut how = Vec::new();
    let repaired = if mixed {
        script::repair_mixed(orig, lang)
    } else {
        None
    };
    let word = repaired.as_deref().unwrap_or(orig);
    // Compared in NFC: a decomposed Radoičić is the name, not a misspelling
    // (QA's not-nfc says how it is encoded).
    let composed;
    let word = if crate::text::is_nfc(word) {
        word
    } else {
        composed = crate::text::nfc(word);
        composed.as_str()
    };
    if mixed {
        how.push(MatchKind::MixedScript);
    }
    let text_script = script::script(word);
    if text_script != tw.script && text_script != Script::Other && tw.script != Script::Other {
        how.push(MatchKind::Transliterated);
    }
    // Alternating short words (Albanian i/të/e/së) replace each other whole.
    if !tw.alternates.is_empty() {
        let (_, written) = tw.alternates.iter().find(|(f, _)| f == fw)?;
        let lower = script::lower_latin(word);
        if lower != *written {
            how.push(MatchKind::DiacriticFolded);
        } else if lower != tw.lower {
            how.push(MatchKind::Inflected);
        }
        if script::case_shape(word) != tw.shape {
            if term.case_sensitive {
                return None;
            }
            how.push(MatchKind::CaseFolded);
        }
        return Some(how);
    }
    let rest = fw.strip_prefix(tw.stem.as_str())?;
    let written_endings = tw.endings.get(rest)?;
    // Split the written word where the folded stem ends.
    let mut acc = String::new();
    let mut split = None;
    for (i, c) in word.char_indices() {
        if acc.len() == tw.stem.len() {
            split = Some(i);
            break;
        }
        folder.push(c, &mut acc);
        if acc.len() > tw.stem.len() {
            return None;
        }
    }
    let split = split.unwrap_or(word.len());
    if acc.len() != tw.stem.len() {
        return None;
    }
    let (w_stem, w_end) = word.split_at(split);
    let stem_lower = lower_word(w_stem);
    let end_lower = lower_word(w_end);
    let diacritics = stem_lower != tw.stem_lower || !written_endings.contains(&end_lower);
    if diacritics {
        if term.exact_only {
            return None;
        }
        how.push(MatchKind::DiacriticFolded);
    }
    // Another written ending with the same fold (Kosove for Kosovë, by the
    // ë → e rule) is another form too, never exact.
    if fw != tw.folded || (!diacritics && format!("{stem_lower}{end_lower}") != tw.lower) {
        how.push(MatchKind::Inflected);
    }
    if script::case_shape(w_stem) != tw.shape {
        if term.case_sensitive {
            return None;
        }
        how.push(MatchKind::CaseFolded);
    }
    Some(how)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(glossary: &str, lang: &str, text: &str) -> Vec<(String, String, String)> {
        let (g, _) = super::super::file::parse("g.toml", glossary).unwrap();
        Recogniser::new(&g, lang)
            .find(text)
            .into_iter()
            .map(|o| {
                let how: Vec<&str> = o.how.iter().map(|k| k.as_str()).collect();
                (o.found, o.concept, how.join("+"))
            })
            .collect()
    }

    fn t(found: &str, concept: &str, how: &str) -> (String, String, String) {
        (found.into(), concept.into(), how.into())
    }

    #[test]
    fn a_hyphen_between_names_separates_them_but_hyphenated_terms_still_match() {
        let g = r#"
[[concept]]
id = "belgrade"
type = "place"
sr-Latn = ["Beograd"]
sq = ["Beograd"]

[[concept]]
id = "kosovo-metohija"
type = "place"
sr-Latn = ["Kosovo-Metohija"]

[[concept]]
id = "nato"
type = "place"
sq = ["NATO"]

[[concept]]
id = "pristina"
type = "place"
sr-Latn = ["Priština"]
sq = ["Prishtinë", { term = "Pristina", status = "forbidden" }]
"#;
        assert_eq!(
            found(g, "sr-Latn", "dijalog Beograd-Priština o Kosovu-Metohiji"),
            [
                t("Beograd", "belgrade", "exact"),
                t("Priština", "pristina", "exact"),
                t("Kosovu-Metohiji", "kosovo-metohija", "inflected"),
            ]
        );
        assert_eq!(
            found(g, "sq", "dialogu Beograd-Pristina e NATO-s"),
            [
                t("Beograd", "belgrade", "exact"),
                t("Pristina", "pristina", "exact"),
                t("NATO-s", "nato", "inflected"),
            ]
        );
        // Kosovo alone is not Kosovo-Metohija
        assert_eq!(found(g, "sr-Latn", "Kosovo i Metohija"), []);
    }

    #[test]
    fn default_ignorables_are_read_past_in_text_and_terms() {
        let g =
            "[[concept]]\nid = \"pristina\"\ntype = \"place\"\nsr-Latn = [\"Pri\u{ad}ština\"]\n";
        assert_eq!(
            found(g, "sr-Latn", "u Prištini, u Pri\u{200b}štini"),
            [
                t("Prištini", "pristina", "inflected"),
                t("Pri\u{200b}štini", "pristina", "inflected"),
            ]
        );
        let (g, _) = super::super::file::parse("g.toml", g).unwrap();
        let text = "\u{feff}Pri\u{ad}ština\u{200b}";
        let o = &Recogniser::new(&g, "sr-Latn").find(text)[0];
        assert_eq!((o.start, o.end), (3, text.len() - 3));
        assert_eq!((o.char_start, o.char_end), (1, 10));
    }
}
