//! What a `tm search` pattern means, and where it matches in a text.
//!
//! A pattern is words and quoted phrases that must all occur; `word*` is a
//! prefix. Each is folded as the texts it is looked for in
//! ([`crate::text::fold_with`]; the two foldings differ only in
//! Serbo-Croatian `dj`) and cut into the tokens of the search index: runs
//! of letters, digits and marks (FTS5 `unicode61` with categories
//! `L* N* Co M*`, over the folded text). The store turns a pattern into an
//! FTS5 query over the folded texts (`store::lookup`); [`SearchPattern::find_in`]
//! finds the same tokens in a text, for highlights. Pure.

use anyhow::bail;
use unicode_normalization::char::is_combining_mark;

use crate::text::{Folding, fold_mapped, fold_with};

/// One word or quoted phrase of a pattern, as index tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// The tokens folded for texts of every language but Serbo-Croatian.
    pub plain: Vec<String>,
    /// The tokens folded for Serbo-Croatian texts (`dj` as `đ`).
    pub sh: Vec<String>,
    /// The last token is a prefix (`word*`).
    pub prefix: bool,
    /// A word written with the symbols of code and placeholders (`%s`,
    /// `{count}`, `C++`, `$HOME`): the text must hold it as written (ASCII
    /// letters in either case), not only its tokens (`s`, `count`, `c`),
    /// which the index keeps without the symbols. Of a prefix (`user_*`),
    /// without the `*`: the text must hold a word that starts with it.
    pub literal: Option<String>,
}

/// Characters that make a word of a pattern a [`Phrase::literal`]: those of
/// placeholders, markup and code, which the index drops and prose rarely
/// glues to a word (`'`, `-`, `.`, `,` do not count).
fn is_code_symbol(c: char) -> bool {
    matches!(
        c,
        '%' | '{'
            | '}'
            | '$'
            | '+'
            | '#'
            | '@'
            | '&'
            | '<'
            | '>'
            | '['
            | ']'
            | '\\'
            | '|'
            | '~'
            | '^'
            | '='
            | '_'
            | '/'
    )
}

/// The byte ranges where `needle` occurs in `text`, ASCII letters in either case.
fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let (t, n) = (text.as_bytes(), needle.as_bytes());
    if n.is_empty() || n.len() > t.len() {
        return Vec::new();
    }
    (0..=t.len() - n.len())
        .filter(|&i| text.is_char_boundary(i) && t[i..i + n.len()].eq_ignore_ascii_case(n))
        .map(|i| (i, i + n.len()))
        .collect()
}

/// The byte ranges of the words of `text` that start with `prefix` (as in
/// [`occurrences`]): it follows no letter or digit, as an index token
/// starts, and the word runs on over letters, digits and code symbols
/// (`user_` → `user_id`, `C+` → `C++`, `{cou` → `{count}`).
fn word_starts(text: &str, prefix: &str) -> Vec<(usize, usize)> {
    occurrences(text, prefix)
        .into_iter()
        .filter(|&(a, _)| !text[..a].chars().next_back().is_some_and(is_token_char))
        .map(|(a, b)| {
            let rest = &text[b..];
            let run = rest
                .find(|c: char| !(is_token_char(c) || is_code_symbol(c)))
                .unwrap_or(rest.len());
            (a, b + run)
        })
        .collect()
}

impl Phrase {
    /// Where the phrase's [`literal`](Self::literal) stands in `text` as
    /// written (a prefix: at the start of a word, through the word's end);
    /// None for a phrase with no literal.
    fn literal_spans(&self, text: &str) -> Option<Vec<(usize, usize)>> {
        let literal = self.literal.as_deref()?;
        Some(if self.prefix {
            word_starts(text, literal)
        } else {
            occurrences(text, literal)
        })
    }

    /// The tokens to look for in a text that folds with `folding`.
    pub fn tokens(&self, folding: Folding) -> &[String] {
        match folding {
            Folding::Plain => &self.plain,
            Folding::Dj => &self.sh,
        }
    }
}

/// A parsed `tm search` pattern: every phrase must occur.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPattern {
    pub phrases: Vec<Phrase>,
}

impl SearchPattern {
    /// Does a text need [`find_in`](Self::find_in) to tell whether it
    /// matches, beyond the index's tokens (a phrase is a literal)?
    pub fn has_literals(&self) -> bool {
        self.phrases.iter().any(|p| p.literal.is_some())
    }

    /// Does `text` hold every [`Phrase::literal`] as written? For a text
    /// the index matched, this alone tells whether [`find_in`](Self::find_in)
    /// finds every phrase, without folding the text.
    pub fn holds_literals(&self, text: &str) -> bool {
        self.phrases.iter().all(|p| match &p.literal {
            None => true,
            Some(_) => p.literal_spans(text).is_some_and(|s| !s.is_empty()),
        })
    }

    /// Read a pattern: words, `"quoted phrases"`, `word*`. An error if it
    /// has no word.
    pub fn parse(pattern: &str) -> anyhow::Result<SearchPattern> {
        let mut phrases = Vec::new();
        for (i, piece) in pattern.split('"').enumerate() {
            let pieces: Vec<&str> = if i % 2 == 1 {
                vec![piece]
            } else {
                piece.split_whitespace().collect()
            };
            for p in pieces {
                let words = crate::text::words(p);
                if words.is_empty() {
                    continue;
                }
                let joined = words.join(" ");
                let folded = |folding| {
                    let f = fold_with(&joined, folding);
                    tokens(&f)
                        .into_iter()
                        .map(|(a, b)| f[a..b].to_string())
                        .collect::<Vec<_>>()
                };
                let (plain, sh) = (folded(Folding::Plain), folded(Folding::Dj));
                if plain.is_empty() || sh.is_empty() {
                    continue;
                }
                // A word is a prefix of its last token (`user_i*`: `user`,
                // `i*`); a quoted phrase only if it is one word.
                let prefix = p.trim_end().ends_with('*') && (i % 2 == 0 || words.len() == 1);
                let literal = (i % 2 == 0 && p.contains(is_code_symbol)).then(|| {
                    if prefix {
                        p.trim_end_matches('*').to_string()
                    } else {
                        p.to_string()
                    }
                });
                phrases.push(Phrase {
                    plain,
                    sh,
                    prefix,
                    literal,
                });
            }
        }
        if phrases.is_empty() {
            bail!("the search pattern {pattern:?} has no words");
        }
        Ok(SearchPattern { phrases })
    }

    /// The byte ranges in `text` (of a language that folds with `folding`)
    /// of every occurrence of every phrase, in order; None unless every
    /// phrase occurs.
    pub fn find_in(&self, text: &str, folding: Folding) -> Option<Vec<(usize, usize)>> {
        let (folded, from) = fold_mapped(text, folding);
        let toks = tokens(&folded);
        let word = |k: usize| &folded[toks[k].0..toks[k].1];
        // Where a folded byte range starts and ends in `text`.
        let start_of = |a: usize| from[a];
        let end_of = |b: usize| {
            let end = from.get(b).copied().unwrap_or(text.len());
            let start = from[b - 1];
            if end > start {
                end
            } else {
                // The token ends inside one character's fold (½ → 1⁄2).
                start + text[start..].chars().next().map_or(0, char::len_utf8)
            }
        };
        let mut spans = Vec::new();
        for phrase in &self.phrases {
            if let Some(found) = phrase.literal_spans(text) {
                if found.is_empty() {
                    return None;
                }
                spans.extend(found);
                continue;
            }
            let want = phrase.tokens(folding);
            let n = want.len();
            let mut found = false;
            for i in 0..toks.len().saturating_sub(n - 1) {
                let hit = (0..n).all(|k| {
                    let (w, t) = (want[k].as_str(), word(i + k));
                    if phrase.prefix && k == n - 1 {
                        t.starts_with(w)
                    } else {
                        t == w
                    }
                });
                if hit {
                    found = true;
                    spans.push((start_of(toks[i].0), end_of(toks[i + n - 1].1)));
                }
            }
            if !found {
                return None;
            }
        }
        spans.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (a, b) in spans {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        Some(merged)
    }
}

/// A character of an index token: FTS5 `unicode61` with categories
/// `L* N* Co M*` (letters, digits, marks, private use). Folded text has no
/// other letters.
fn is_token_char(c: char) -> bool {
    c.is_alphanumeric()
        || is_combining_mark(c)
        || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}')
}

/// Byte ranges of the index tokens of a folded text.
pub(crate) fn tokens(folded: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in folded.char_indices() {
        match (is_token_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, folded.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(p: &str) -> Vec<(Vec<&'static str>, Vec<&'static str>, bool)> {
        let leak = |v: &Vec<String>| -> Vec<&'static str> {
            v.iter()
                .map(|s| &*Box::leak(s.clone().into_boxed_str()))
                .collect()
        };
        SearchPattern::parse(p)
            .unwrap()
            .phrases
            .iter()
            .map(|ph| (leak(&ph.plain), leak(&ph.sh), ph.prefix))
            .collect()
    }

    #[test]
    fn patterns_are_folded_phrases() {
        assert_eq!(
            phrases(r#"NATO "sent 1,000" Medj* Tom’s"#),
            vec![
                (vec!["nato"], vec!["nato"], false),
                (vec!["sent", "1", "000"], vec!["sent", "1", "000"], false),
                (vec!["medj"], vec!["med"], true),
                (vec!["tom", "s"], vec!["tom", "s"], false),
            ]
        );
        assert!(SearchPattern::parse(" ?! \"\" ").is_err());
    }

    fn found(pattern: &str, text: &str, lang: &str) -> Option<Vec<String>> {
        let spans = SearchPattern::parse(pattern)
            .unwrap()
            .find_in(text, Folding::of(lang))?;
        Some(spans.iter().map(|&(a, b)| text[a..b].to_string()).collect())
    }

    #[test]
    fn a_word_with_code_symbols_must_occur_as_written() {
        let ui = "Delete %s files? Gwyneth Paltrow's %S";
        assert_eq!(found("%s", ui, "en"), Some(vec!["%s".into(), "%S".into()]));
        assert_eq!(found("%d", "I'd say so.", "en"), None);
        assert_eq!(found("C++", "C'est merveilleux.", "fr"), None);
        assert_eq!(
            found("{count} left", "{count} items left", "en"),
            Some(vec!["{count}".into(), "left".into()])
        );
        // Ordinary punctuation in a word is not a literal.
        assert_eq!(
            found("Paltrow's", "Gwyneth Paltrow’s film", "en"),
            Some(vec!["Paltrow’s".into()])
        );
    }

    #[test]
    fn a_prefix_with_code_symbols_starts_a_word_as_written() {
        let fields = "The user_id and USER_NAME fields; superuser_x; user id.";
        assert_eq!(
            found("user_*", fields, "en"),
            Some(vec!["user_id".into(), "USER_NAME".into()])
        );
        assert_eq!(found("user_*", "The user id is shown.", "en"), None);
        assert_eq!(found("user_*", "A superuser_id, a user.", "en"), None);
        assert_eq!(found("user_i*", fields, "en"), Some(vec!["user_id".into()]));
        assert_eq!(found("C+*", "Click Save.", "en"), None);
        assert_eq!(
            found("C+*", "I learned C++ and C# in school.", "en"),
            Some(vec!["C++".into()])
        );
        assert_eq!(found("%s*", "Save some files.", "en"), None);
        assert_eq!(
            found("%s*", "Delete %s files, %sfoo too.", "en"),
            Some(vec!["%s".into(), "%sfoo".into()])
        );
        assert_eq!(
            found("{cou* left", "{count} items left", "en"),
            Some(vec!["{count}".into(), "left".into()])
        );
        assert_eq!(
            phrases("user_i* {cou*"),
            vec![
                (vec!["user", "i"], vec!["user", "i"], true),
                (vec!["cou"], vec!["cou"], true),
            ]
        );
    }

    #[test]
    fn finds_what_the_index_matches_in_the_text() {
        let sr = "Beograd, međutim, negira; MEĐUTIM.";
        assert_eq!(
            found("medjutim", sr, "sr-Latn"),
            Some(vec!["međutim".into(), "MEĐUTIM".into()])
        );
        assert_eq!(
            found("medutim", "Београд, међутим, негира.", "sr-Cyrl"),
            Some(vec!["међутим".into()])
        );
        // In Albanian dj is two letters.
        assert_eq!(found("djem", "Një dem i zi.", "sq"), None);
        assert_eq!(
            found("dem", "Djem të mirë, një dem.", "sq"),
            Some(vec!["dem".into()])
        );
        // Every phrase must occur; phrases are consecutive tokens; prefixes.
        assert_eq!(found("NATO Moscow", "NATO sent troops.", "en"), None);
        assert_eq!(
            found(r#""sent troops" nat*"#, "NATO sent troops.", "en"),
            Some(vec!["NATO".into(), "sent troops".into()])
        );
        assert_eq!(found(r#""troops sent""#, "NATO sent troops.", "en"), None);
        assert_eq!(
            found("d'art", "Une œuvre d’art.", "fr"),
            Some(vec!["d’art".into()])
        );
        assert_eq!(
            found("strasse", "Die Straße.", "de"),
            Some(vec!["Straße".into()])
        );
        // A decomposed letter: its marks are part of the match.
        assert_eq!(
            found("prishtine", "Prishtine\u{308} sot", "sq"),
            Some(vec!["Prishtine\u{308}".into()])
        );
    }
}
