//! Sentence marks of every script: which characters end a sentence, which of
//! `.` `!` `?` each stands for, and whether it ends one with no space after it
//! (CJK `。`). The one table the segmenter and QA share.
//!
//! Membership comes from Unicode: the Sentence_Terminal property (UAX #29,
//! `STerm`), read from the Unicode tables of `regex-syntax` (already built for
//! `regex`), so a newer Unicode brings its new marks. The tables below hold
//! only what Unicode does not say: the few marks that end sentences in practice
//! though the property leaves them out, or the reverse, which marks ask or
//! exclaim, and which scripts write no space after a sentence.

use std::ops::RangeInclusive;
use std::sync::OnceLock;

/// The Latin mark a sentence mark stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stop {
    /// `.`: `。`, `।`, `۔`, `։`, `።`, `។`, `།` …
    Period,
    /// `!`: `！`, `‼`, `߹` …
    Exclamation,
    /// `?`: `？`, `؟`, `፧`, `‽` …
    Question,
}

impl Stop {
    /// `.`, `!` or `?`.
    pub fn latin(self) -> char {
        match self {
            Stop::Period => '.',
            Stop::Exclamation => '!',
            Stop::Question => '?',
        }
    }
}

/// A character that ends a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SentenceMark {
    pub stop: Stop,
    /// Ends a sentence even when the next one follows with no space (`你好。我是`):
    /// the mark of a script whose writers put no space after a sentence. Other
    /// marks end one only before white space (`यह किताब है। वह`).
    pub full: bool,
}

/// Marks that end sentences though Sentence_Terminal leaves them out.
const ADDED: &[(char, Stop)] = &[
    // Tibetan shad and nyis shad: UAX #29 leaves them out because a shad also
    // ends a clause, but it is the only mark that ends a Tibetan sentence.
    ('\u{0F0D}', Stop::Period),
    ('\u{0F0E}', Stop::Period),
    // The Greek question mark (which NFC turns into `;`).
    ('\u{037E}', Stop::Question),
];

/// Sentence_Terminal characters that end no sentence in running text.
const REMOVED: &[char] = &[
    // Myanmar little section `၊`: Burmese writes it as a comma (`။` ends).
    '\u{104A}',
];

/// The marks that ask; with [`EXCLAMATIONS`], the exceptions: every other
/// mark is a period. (`⁈` and `⁉` ask and exclaim: a question.)
const QUESTIONS: &[char] = &[
    '?',
    '\u{037E}',
    '؟',
    '፧',
    '᥅',
    '‽',
    '⁇',
    '⁈',
    '⁉',
    '⳺',
    '⳻',
    '⸮',
    '⹔',
    '꘏',
    '꛷',
    '︖',
    '﹖',
    '？',
    '\u{11143}',
];

const EXCLAMATIONS: &[char] = &['!', '߹', '᥄', '‼', '⹓', '︕', '﹗', '！'];

/// Scripts (by block) whose writers often put no space after a sentence, so
/// that the mark alone ends it: CJK (also in its full-width, small and vertical
/// forms), Ethiopic, Myanmar.
const UNSPACED: &[RangeInclusive<char>] = &[
    '\u{1000}'..='\u{109F}', // Myanmar
    '\u{1200}'..='\u{139F}', // Ethiopic, Ethiopic Supplement
    '\u{3000}'..='\u{303F}', // CJK Symbols and Punctuation
    '\u{FE10}'..='\u{FE1F}', // Vertical Forms
    '\u{FE50}'..='\u{FE6F}', // Small Form Variants
    '\u{FF00}'..='\u{FFEF}', // Halfwidth and Fullwidth Forms
];

struct Table {
    /// Every mark, sorted by character.
    marks: Vec<(char, SentenceMark)>,
    /// One bit per character of the BMP, set for the marks: every other
    /// character is refused with one load (8 KiB).
    bmp: Box<[u64; 1024]>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut chars: Vec<char> = sentence_terminals();
        chars.retain(|c| !REMOVED.contains(c));
        chars.extend(ADDED.iter().map(|&(c, _)| c));
        chars.sort_unstable();
        chars.dedup();
        let marks: Vec<(char, SentenceMark)> = chars
            .into_iter()
            .map(|c| {
                let stop = if let Some(&(_, stop)) = ADDED.iter().find(|(a, _)| *a == c) {
                    stop
                } else if QUESTIONS.contains(&c) {
                    Stop::Question
                } else if EXCLAMATIONS.contains(&c) {
                    Stop::Exclamation
                } else {
                    Stop::Period
                };
                let full = UNSPACED.iter().any(|r| r.contains(&c));
                (c, SentenceMark { stop, full })
            })
            .collect();
        let mut bmp = Box::new([0u64; 1024]);
        for &(c, _) in &marks {
            let u = c as u32;
            if u < 0x10000 {
                bmp[(u >> 6) as usize] |= 1 << (u & 63);
            }
        }
        Table { marks, bmp }
    })
}

/// The characters of Unicode's Sentence_Terminal property.
fn sentence_terminals() -> Vec<char> {
    use regex_syntax::hir::{Class, HirKind};
    // A constant pattern of a property the crate is built with (`unicode-bool`):
    // it cannot fail to parse, and a unit test reads it.
    let hir = regex_syntax::parse(r"\p{Sentence_Terminal}")
        .expect("regex-syntax knows Sentence_Terminal");
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .collect(),
        _ => Vec::new(),
    }
}

/// What `c` means as the end of a sentence, if it is one.
pub fn sentence_mark(c: char) -> Option<SentenceMark> {
    let t = table();
    let u = c as u32;
    if u < 0x10000 && t.bmp[(u >> 6) as usize] & (1 << (u & 63)) == 0 {
        return None;
    }
    t.marks
        .binary_search_by_key(&c, |&(m, _)| m)
        .ok()
        .map(|i| t.marks[i].1)
}

/// Every sentence mark, sorted by character.
pub fn all() -> impl Iterator<Item = (char, SentenceMark)> {
    table().marks.iter().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(c: char) -> Option<(char, bool)> {
        sentence_mark(c).map(|m| (m.stop.latin(), m.full))
    }

    #[test]
    fn unicode_sentence_terminals_are_read() {
        // From the property, in no table of ours.
        for c in ['.', '।', '۔', '։', '។', '៕', '።', '᠃', '܂', '．', '｡'] {
            assert_eq!(mark(c).map(|m| m.0), Some('.'), "{c}");
        }
        assert!(sentence_terminals().len() > 100);
    }

    #[test]
    fn each_mark_stands_for_a_latin_one() {
        assert_eq!(mark('。'), Some(('.', true)));
        assert_eq!(mark('．'), Some(('.', true)));
        assert_eq!(mark('？'), Some(('?', true)));
        assert_eq!(mark('！'), Some(('!', true)));
        assert_eq!(mark('؟'), Some(('?', false)));
        assert_eq!(mark('፧'), Some(('?', true)));
        assert_eq!(mark('‽'), Some(('?', false)));
        assert_eq!(mark('‼'), Some(('!', false)));
        assert_eq!(mark('।'), Some(('.', false)));
        assert_eq!(mark('។'), Some(('.', false)));
        assert_eq!(mark('།'), Some(('.', false)));
        assert_eq!(mark('။'), Some(('.', true)));
        assert_eq!(mark('\u{037E}'), Some(('?', false)));
    }

    #[test]
    fn commas_and_letters_end_nothing() {
        for c in [
            'a', ',', '၊', '、', '，', '،', '…', ';', ':', 'ა', '가', '中',
        ] {
            assert_eq!(mark(c), None, "{c}");
        }
    }

    #[test]
    fn the_tables_name_only_what_unicode_does_not_say() {
        let sterm = sentence_terminals();
        for &(c, _) in ADDED {
            assert!(!sterm.contains(&c), "{c:?} is a Sentence_Terminal already");
        }
        for c in REMOVED {
            assert!(sterm.contains(c), "{c:?} is no Sentence_Terminal");
        }
        for c in QUESTIONS.iter().chain(EXCLAMATIONS) {
            assert!(sentence_mark(*c).is_some(), "{c:?} ends no sentence");
        }
    }
}
