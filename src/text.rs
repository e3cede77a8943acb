//! Text helpers shared by every module: NFC normalisation, folding for
//! comparison, word tokens and Serbian Cyrillic ↔ Latin transliteration.
//!
//! Text is always *stored* as written; these functions only build the forms
//! used for matching.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The NFC form of `s` (what every comparison is made on).
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// True if `s` is already in NFC.
pub fn is_nfc(s: &str) -> bool {
    unicode_normalization::is_nfc(s)
}

/// Which spellings folding takes as one, beyond case, script and
/// diacritics. The one rule that differs between languages is `dj`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Folding {
    /// `dj` is two letters: `djem` (boys) is not `dem` (bull) in Albanian,
    /// `adjust` not `adust`. Every language but Serbo-Croatian.
    Plain,
    /// `dj` is also how `đ` is typed without diacritics, so it folds like
    /// `đ`, to `d`: `međutim`, `medjutim`, `medutim` and `међутим` are one
    /// word. Serbo-Croatian (sr, hr, bs, sh, cnr, hbs, in either script), and
    /// comparisons across languages, where a name may be written Đoković in
    /// one and Djokovic in the other.
    #[default]
    Dj,
}

impl Folding {
    /// The folding of texts in `lang` (a BCP 47 tag).
    pub fn of(lang: &str) -> Folding {
        const SERBO_CROATIAN: &[&str] =
            &["sr", "hr", "bs", "sh", "cnr", "hbs", "srp", "hrv", "bos"];
        let primary = lang.split(['-', '_']).next().unwrap_or(lang);
        if SERBO_CROATIAN
            .iter()
            .any(|p| p.eq_ignore_ascii_case(primary))
        {
            Folding::Dj
        } else {
            Folding::Plain
        }
    }
}

/// Letters that NFKD leaves whole but that have an obvious base letter, and
/// the typographic forms of the apostrophe. (from, to) pairs; lower case
/// only, since folding lowercases first.
const FOLD_EXTRA: &[(char, &str)] = &[
    ('đ', "d"),
    ('ð', "d"),
    ('ħ', "h"),
    ('ł', "l"),
    ('ø', "o"),
    ('ŧ', "t"),
    ('ƀ', "b"),
    ('ǥ', "g"),
    ('ɨ', "i"),
    ('ʉ', "u"),
    ('ƶ', "z"),
    ('ı', "i"),
    ('ȷ', "j"),
    ('ß', "ss"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('þ', "th"),
    // Greek final sigma is a form of σ (as Unicode case folding has it).
    ('ς', "σ"),
    ('’', "'"),
    ('‘', "'"),
    ('‛', "'"),
    ('ʼ', "'"),
];

/// True for letters of the scripts whose combining marks are diacritics
/// (optional accents, or vowel points in Hebrew and Arabic): folding drops
/// them. In other scripts (Devanagari vowel signs, Japanese voicing marks)
/// a mark makes another letter and is kept.
fn marks_are_diacritics(c: char) -> bool {
    is_latin(c)
        || is_cyrillic(c)
        || matches!(c,
            '\u{0250}'..='\u{02AF}' // IPA letters used in African alphabets (ɛ, ɔ)
            | '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' // Greek
            | '\u{0530}'..='\u{058F}' // Armenian
            | '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}' // Hebrew
            | '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' // Arabic
            | '\u{10A0}'..='\u{10FF}' // Georgian
            | '\u{2C60}'..='\u{2C7F}' | '\u{A720}'..='\u{A7FF}' | '\u{AB30}'..='\u{AB6F}') // Latin Extended-C, D, E
}

/// The fold of one character without its neighbours: lower case, Cyrillic
/// in Latin, compatibility forms and diacritics of the scripts above
/// removed, [`FOLD_EXTRA`] applied.
fn fold_char(c: char, out: &mut String) {
    for lc in c.to_lowercase() {
        match cyr_lower_to_lat(lc) {
            Some(lat) => lat.chars().for_each(|l| fold_letter(l, out)),
            None => fold_letter(lc, out),
        }
    }
}

fn fold_letter(c: char, out: &mut String) {
    if let Some((_, to)) = FOLD_EXTRA.iter().find(|(f, _)| *f == c) {
        out.push_str(to);
        return;
    }
    if c.is_ascii() {
        out.push(c);
        return;
    }
    let base = c.nfkd().next().unwrap_or(c);
    if base.is_alphabetic() && !marks_are_diacritics(base) {
        // Composed again: the marks belong to the letter.
        out.extend(std::iter::once(c).nfkc());
        return;
    }
    for d in c.nfkd() {
        if is_combining_mark(d) {
            continue;
        }
        for l in d.to_lowercase() {
            match FOLD_EXTRA.iter().find(|(f, _)| *f == l) {
                Some((_, to)) => out.push_str(to),
                None => out.push(l),
            }
        }
    }
}

/// Folds text one character at a time, as [`fold_with`] does, so that a
/// caller can tell which characters each part of the folded text comes
/// from (glossary recognition, search highlights). Folds of non-ASCII
/// characters come from a table built once, or from a cache per thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct Folder {
    folding: Folding,
}

thread_local! {
    /// Folds of the characters [`common_folds`] does not hold, as met.
    static RARE_FOLDS: std::cell::RefCell<std::collections::HashMap<char, Box<str>>> =
        Default::default();
}

/// Folds of U+0000..U+0530 (Latin-1, Latin Extended-A/B, IPA, Greek,
/// Cyrillic), Latin Extended Additional and General Punctuation (quotes,
/// dashes), built once; [`Folder::push`] indexes it.
fn common_folds() -> &'static [Box<str>] {
    static TABLE: std::sync::OnceLock<Vec<Box<str>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0u32..0x530)
            .chain(0x1E00..0x1F00)
            .chain(0x2000..0x2070)
            .map(|u| {
                let mut s = String::new();
                if let Some(c) = char::from_u32(u) {
                    fold_char(c, &mut s);
                }
                s.into_boxed_str()
            })
            .collect()
    })
}

impl Folder {
    pub fn new(folding: Folding) -> Folder {
        Folder { folding }
    }

    pub fn folding(&self) -> Folding {
        self.folding
    }

    /// Append the fold of `c`, which follows what `out` holds (the rules for
    /// combining marks and `dj` look at the letter before).
    pub fn push(&self, c: char, out: &mut String) {
        if c.is_ascii() {
            let l = c.to_ascii_lowercase();
            if !(l == 'j' && self.folding == Folding::Dj && out.ends_with('d')) {
                out.push(l);
            }
            return;
        }
        let u = c as usize;
        let index = match u {
            0..0x530 => Some(u),
            0x1E00..0x1F00 => Some(u - 0x1E00 + 0x530),
            0x2000..0x2070 => Some(u - 0x2000 + 0x630),
            _ => None,
        };
        if let Some(i) = index {
            let folded = &common_folds()[i];
            if folded.is_empty() && is_combining_mark(c) {
                self.push_mark(c, out);
            } else {
                self.push_folded(folded, out);
            }
            return;
        }
        if is_combining_mark(c) {
            self.push_mark(c, out);
            return;
        }
        RARE_FOLDS.with(|folds| {
            let mut folds = folds.borrow_mut();
            let folded = folds.entry(c).or_insert_with(|| {
                let mut s = String::new();
                fold_char(c, &mut s);
                s.into_boxed_str()
            });
            self.push_folded(folded, out);
        });
    }

    /// A combining mark stays only on a letter of a script where marks make
    /// letters ([`marks_are_diacritics`]).
    fn push_mark(&self, c: char, out: &mut String) {
        if out
            .chars()
            .next_back()
            .is_some_and(|p| p.is_alphabetic() && !marks_are_diacritics(p))
        {
            out.push(c);
        }
    }

    /// Append the fold of a character (the `dj` rule applied).
    fn push_folded(&self, folded: &str, out: &mut String) {
        match folded.strip_prefix('j') {
            Some(rest) if self.folding == Folding::Dj && out.ends_with('d') => out.push_str(rest),
            _ => out.push_str(folded),
        }
    }

    pub fn fold(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            self.push(c, &mut out);
        }
        out
    }
}

/// A comparison key across languages: lower case, Cyrillic in Latin,
/// diacritics removed, every spelling of `đ` alike (`Radoičić` →
/// `radoicic`, `Приштина` → `pristina`, `Đoković` and `Djokovic` →
/// `dokovic`). See [`fold_with`].
pub fn fold(s: &str) -> String {
    fold_with(s, Folding::Dj)
}

/// The comparison key of text in a language with `folding` (see
/// [`Folding::of`]), the one folding that search, lookup and glossary
/// recognition share:
/// - lower case (Greek final sigma as σ);
/// - Cyrillic transliterated to Latin (Serbian rules, so both Serbian
///   scripts fold alike);
/// - compatibility forms decomposed (NFKD: `ﬁ` → `fi`, `ǆ` → `dž`);
/// - the combining marks of Latin, Greek, Cyrillic, Armenian, Georgian,
///   Hebrew and Arabic letters removed (diacritics); marks of other scripts
///   kept, since there they make other letters (`का` is not `क`);
/// - letters that do not decompose mapped to their base (`đ` → `d`, `ł` →
///   `l`, `ø` → `o`, `ħ` → `h`, `ı` → `i`, `ß` → `ss`, `æ` → `ae`, `þ` → `th`;
///   [`FOLD_EXTRA`]), and the apostrophes `’ ‘ ʼ` written `'`;
/// - with [`Folding::Dj`], `dj` folded like `đ`, to `d`.
pub fn fold_with(s: &str, folding: Folding) -> String {
    if s.is_ascii() {
        let mut out = s.to_ascii_lowercase();
        if folding == Folding::Dj && out.contains("dj") {
            // As `Folder::push`: a j right after a d is dropped.
            let mut prev = 0u8;
            out.retain(|c| {
                let keep = !(c == 'j' && prev == b'd');
                if keep {
                    prev = c as u8;
                }
                keep
            });
        }
        return out;
    }
    Folder::new(folding).fold(s)
}

/// [`fold_with`], and for every byte of the folded text the byte offset in
/// `s` of the character it comes from.
pub fn fold_mapped(s: &str, folding: Folding) -> (String, Vec<usize>) {
    let folder = Folder::new(folding);
    let mut out = String::with_capacity(s.len());
    let mut from = Vec::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        folder.push(c, &mut out);
        from.resize(out.len(), i);
    }
    (out, from)
}

/// Word tokens: maximal runs of alphanumeric characters (letters, digits,
/// combining marks), with inner apostrophes, hyphens, dots and commas between
/// digits kept (`don't`, `1,000`, `4.500,5`).
pub fn words(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev = ' ';
    let mut it = s.char_indices().peekable();
    while let Some((pos, c)) = it.next() {
        // Combining marks are looked up only off the ASCII fast path.
        let word_char = c.is_alphanumeric() || (!c.is_ascii() && is_combining_mark(c));
        let joiner = matches!(c, '\'' | '’' | '‘' | '-' | '.' | ',')
            && start.is_some()
            && it.peek().is_some_and(|&(_, next)| {
                if matches!(c, '.' | ',') {
                    prev.is_ascii_digit() && next.is_ascii_digit()
                } else {
                    prev.is_alphanumeric() && next.is_alphanumeric()
                }
            });
        if word_char || joiner {
            if start.is_none() {
                start = Some(pos);
            }
        } else if let Some(st) = start.take() {
            out.push(&s[st..pos]);
        }
        prev = c;
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

/// Serbian (and Macedonian/Russian) Cyrillic → Latin, one table, data not code.
const CYR_LAT: &[(char, &str)] = &[
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('д', "d"),
    ('ђ', "đ"),
    ('е', "e"),
    ('ж', "ž"),
    ('з', "z"),
    ('и', "i"),
    ('ј', "j"),
    ('к', "k"),
    ('л', "l"),
    ('љ', "lj"),
    ('м', "m"),
    ('н', "n"),
    ('њ', "nj"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('ћ', "ć"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "h"),
    ('ц', "c"),
    ('ч', "č"),
    ('џ', "dž"),
    ('ш', "š"),
    // Macedonian
    ('ѓ', "gj"),
    ('ќ', "kj"),
    ('ѕ', "dz"),
    // Russian, Ukrainian, Bulgarian
    ('й', "j"),
    ('ы', "y"),
    ('э', "e"),
    ('ю', "ju"),
    ('я', "ja"),
    ('ё', "jo"),
    ('щ', "šč"),
    ('ъ', ""),
    ('ь', ""),
    ('є', "je"),
    ('і', "i"),
    ('ї', "ji"),
    ('ґ', "g"),
];

fn cyr_lower_to_lat(c: char) -> Option<&'static str> {
    CYR_LAT.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)
}

/// Transliterate Cyrillic letters to Latin (Serbian rules: `љ` → `lj`,
/// `Џ` → `Dž`, `ЉУ` → `LJU`). Non-Cyrillic text passes through unchanged.
pub fn cyr_to_lat(s: &str) -> String {
    if !s.chars().any(is_cyrillic) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        match cyr_lower_to_lat(lower) {
            None => out.push(c),
            Some(lat) if lower == c => out.push_str(lat),
            Some(lat) => {
                // Upper case: a digraph is all caps when a neighbour is upper case too.
                let neighbour_upper = chars.get(i + 1).is_some_and(|n| n.is_uppercase())
                    || (i > 0
                        && chars[i - 1].is_uppercase()
                        && !chars.get(i + 1).is_some_and(|n| n.is_lowercase()));
                let mut it = lat.chars();
                if let Some(first) = it.next() {
                    out.extend(first.to_uppercase());
                    for rest in it {
                        if neighbour_upper {
                            out.extend(rest.to_uppercase());
                        } else {
                            out.push(rest);
                        }
                    }
                }
            }
        }
    }
    out
}

/// Serbian Latin digraphs and their one Cyrillic letter.
const LAT_CYR_DIGRAPHS: &[(&str, char)] =
    &[("lj", 'љ'), ("nj", 'њ'), ("dž", 'џ'), ("dz\u{30c}", 'џ')];

/// The Serbian Latin letters and their Cyrillic letters (digraphs above).
const LAT_CYR: &[(char, char)] = &[
    ('a', 'а'),
    ('b', 'б'),
    ('c', 'ц'),
    ('č', 'ч'),
    ('ć', 'ћ'),
    ('d', 'д'),
    ('đ', 'ђ'),
    ('e', 'е'),
    ('f', 'ф'),
    ('g', 'г'),
    ('h', 'х'),
    ('i', 'и'),
    ('j', 'ј'),
    ('k', 'к'),
    ('l', 'л'),
    ('m', 'м'),
    ('n', 'н'),
    ('o', 'о'),
    ('p', 'п'),
    ('r', 'р'),
    ('s', 'с'),
    ('š', 'ш'),
    ('t', 'т'),
    ('u', 'у'),
    ('v', 'в'),
    ('z', 'з'),
    ('ž', 'ж'),
];

/// True for a lower-case letter of the Serbian Latin alphabet (no q, w, x, y).
pub fn is_serbian_latin(c: char) -> bool {
    LAT_CYR.iter().any(|(l, _)| *l == c)
}

/// True for a lower-case letter of the Serbian Cyrillic alphabet.
pub fn is_serbian_cyrillic(c: char) -> bool {
    LAT_CYR.iter().any(|(_, k)| *k == c) || LAT_CYR_DIGRAPHS.iter().any(|(_, k)| *k == c)
}

/// Serbian Latin → Cyrillic. Digraphs `lj`, `nj`, `dž` become one letter.
/// (`nj` across a morpheme boundary, as in `injekcija`, is a known limit of
/// every rule-based transliterator.)
pub fn lat_to_cyr(s: &str) -> String {
    let s = nfc(s);
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let lower = c.to_lowercase().next().unwrap_or(c);
        if i + 1 < chars.len() {
            let pair: String = [
                lower,
                chars[i + 1].to_lowercase().next().unwrap_or(chars[i + 1]),
            ]
            .iter()
            .collect();
            if let Some((_, cy)) = LAT_CYR_DIGRAPHS.iter().find(|(d, _)| *d == pair) {
                if c.is_uppercase() {
                    out.extend(cy.to_uppercase());
                } else {
                    out.push(*cy);
                }
                i += 2;
                continue;
            }
        }
        match LAT_CYR.iter().find(|(l, _)| *l == lower) {
            Some((_, cy)) if c.is_uppercase() => out.extend(cy.to_uppercase()),
            Some((_, cy)) => out.push(*cy),
            None => out.push(c),
        }
        i += 1;
    }
    out
}

/// True for letters of the Cyrillic blocks.
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

/// True for Latin letters (ASCII and the Latin extended blocks).
pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic()
}

/// A character no TM text may hold, and its byte offset in the text.
///
/// XML 1.0, hence TMX, has no way to write a C0 control character other
/// than tab, line feed and carriage return (not even as `&#11;`), nor
/// U+FFFE or U+FFFF. A TM that held one could not be exported as TMX, so
/// every way text enters the TM (`tm import`, `tm align`, `tm diff --apply`)
/// refuses them with this one check, and `store` checks again before it
/// writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}, a character TMX (XML 1.0) cannot hold{}", char_name(self.ch), hint(self.ch))]
pub struct Unstorable {
    pub offset: usize,
    pub ch: char,
}

/// The first character of `s` that a TM text may not hold (see [`Unstorable`]).
pub fn unstorable(s: &str) -> Option<Unstorable> {
    let b = s.as_bytes();
    // Fast path: the bytes that may start such a character are rare.
    let at = b
        .iter()
        .position(|&c| (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r')) || c == 0xEF)?;
    s[at..].char_indices().find_map(|(i, ch)| {
        let bad = matches!(ch, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}')
            || matches!(ch, '\u{FFFE}' | '\u{FFFF}');
        bad.then_some(Unstorable { offset: at + i, ch })
    })
}

/// `U+000B (vertical tab)`: a character named for an error message.
pub fn char_name(ch: char) -> String {
    let name = match ch {
        '\0' => "NUL",
        '\u{7}' => "bell",
        '\u{8}' => "backspace",
        '\u{B}' => "vertical tab",
        '\u{C}' => "form feed",
        '\u{1B}' => "escape",
        '\u{FFFE}' | '\u{FFFF}' => "a noncharacter",
        c if c.is_control() => "a control character",
        _ => "",
    };
    if name.is_empty() {
        format!("U+{:04X}", ch as u32)
    } else {
        format!("U+{:04X} ({name})", ch as u32)
    }
}

fn hint(ch: char) -> &'static str {
    match ch {
        '\u{B}' => {
            ": replace it, e.g. with a line break (a spreadsheet writes a line break inside a cell as U+000B)"
        }
        '\u{C}' => ": replace it, e.g. with a line break (it is a page break)",
        _ => ": remove it",
    }
}

/// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt,
/// Unicode 15.1): characters with no visible form of their own, such as the
/// soft hyphen, zero-width spaces and joiners, the word joiner, U+FEFF,
/// bidirectional controls, variation selectors and tags.
const DEFAULT_IGNORABLE: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
];

/// True for a default-ignorable code point (see [`DEFAULT_IGNORABLE`]):
/// text that holds one reads as the same words without it.
pub fn is_default_ignorable(c: char) -> bool {
    let u = c as u32;
    u >= 0xAD
        && DEFAULT_IGNORABLE
            .binary_search_by(|&(lo, hi)| {
                if hi < u {
                    std::cmp::Ordering::Less
                } else if lo > u {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// `s` without its default-ignorable characters, and for every byte of it
/// the offset of that byte in `s`; None when `s` has none (the common case
/// costs one scan).
pub fn without_ignorables(s: &str) -> Option<(String, Vec<usize>)> {
    if s.is_ascii() || !s.chars().any(is_default_ignorable) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut from = Vec::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if !is_default_ignorable(c) {
            out.push(c);
            from.extend(i..i + c.len_utf8());
        }
    }
    Some((out, from))
}

/// Collapse runs of whitespace to one space and trim.
pub fn squash_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_ignorables_are_dropped_and_offsets_kept() {
        for c in [
            '\u{ad}',
            '\u{200b}',
            '\u{200d}',
            '\u{2060}',
            '\u{feff}',
            '\u{e0041}',
        ] {
            assert!(is_default_ignorable(c), "U+{:04X}", c as u32);
        }
        for c in ['a', ' ', '\u{a0}', '\u{2010}', 'ë', '\u{30c}'] {
            assert!(!is_default_ignorable(c), "U+{:04X}", c as u32);
        }
        assert_eq!(without_ignorables("Priština"), None);
        let s = "Pri\u{ad}štini\u{200b}";
        let (v, from) = without_ignorables(s).unwrap();
        assert_eq!(v, "Prištini");
        assert_eq!(from.len(), v.len());
        // every byte maps to the same byte of `s`
        assert!(v.bytes().zip(&from).all(|(b, &i)| s.as_bytes()[i] == b));
        assert_eq!(from[3], 5, "š follows the two bytes of the soft hyphen");
    }

    #[test]
    fn folds_diacritics_and_scripts() {
        assert_eq!(fold("Radoičić"), "radoicic");
        assert_eq!(fold("Приштина"), "pristina");
        assert_eq!(fold("Prishtinë"), "prishtine");
        assert_eq!(fold("Đoković"), "dokovic");
        assert_eq!(fold("Djokovic"), "dokovic");
    }

    #[test]
    fn folds_letters_that_nfd_keeps_whole() {
        for (written, folded) in [
            ("Straße", "strasse"),
            ("STRAẞE", "strasse"),
            ("Łódź", "lodz"),
            ("Søren", "soren"),
            ("Ærø", "aero"),
            ("Işık", "isik"),
            ("İstanbul", "istanbul"),
            ("Ħamrun", "hamrun"),
            ("Þórður", "thordur"),
            ("Œuvre", "oeuvre"),
            ("Đường", "duong"),
            ("Sámiid Ŧ", "samiid t"),
            // Compatibility forms: ligatures, Serbian digraph letters.
            ("ﬁnal", "final"),
            ("ǅep", "dzep"),
            // Apostrophes.
            ("Tom’s", "tom's"),
            ("Tom‘s", "tom's"),
            ("мʼясо", "m'jaso"),
            // Greek: accents and final sigma.
            ("ΟΔΟΣ", "οδοσ"),
            ("οδός", "οδοσ"),
        ] {
            assert_eq!(fold_with(written, Folding::Plain), folded, "{written}");
        }
    }

    #[test]
    fn dj_folds_like_dj_only_in_serbo_croatian() {
        for lang in ["sr", "sr-Latn", "sr-Cyrl", "hr", "bs", "sh", "cnr", "hbs"] {
            assert_eq!(Folding::of(lang), Folding::Dj, "{lang}");
        }
        for lang in ["sq", "en", "sl", "mk", "vi", "de"] {
            assert_eq!(Folding::of(lang), Folding::Plain, "{lang}");
        }
        for word in [
            "međutim",
            "MEĐUTIM",
            "Međutim",
            "medjutim",
            "MEDJUTIM",
            "medutim",
            "међутим",
            "МЕЂУТИМ",
            "медјутим",
        ] {
            assert_eq!(fold_with(word, Folding::Dj), "medutim", "{word}");
        }
        // Elsewhere dj is two letters (Albanian djem, boys; dem, bull), đ still d.
        assert_eq!(fold_with("djem", Folding::Plain), "djem");
        assert_ne!(
            fold_with("djem", Folding::Plain),
            fold_with("dem", Folding::Plain)
        );
        assert_eq!(fold_with("međutim", Folding::Plain), "medutim");
        assert_eq!(fold_with("medjutim", Folding::Plain), "medjutim");
    }

    #[test]
    fn marks_that_make_letters_are_kept() {
        // Devanagari vowel signs and Japanese voicing marks are not accents.
        assert_ne!(fold("का"), fold("क"));
        assert_ne!(fold("कि"), fold("का"));
        assert_ne!(fold("がき"), fold("かき"));
        assert_eq!(fold("ｶｷ"), fold("カキ"));
        // Hebrew vowel points and Arabic hamza seats are.
        assert_eq!(fold("שָׁלוֹם"), fold("שלום"));
        assert_eq!(fold("أحمد"), fold("احمد"));
    }

    #[test]
    fn the_folder_folds_like_fold_with_and_maps_back() {
        let texts = [
            "Radoičić",
            "Приштина",
            "Prishtinë",
            "Đoković",
            "Djokovic",
            "DJOKOVIC djj",
            "Љубљана",
            "Pris\u{030c}tina",
            "Beograd, međutim, негира",
            "कि का",
        ];
        for folding in [Folding::Plain, Folding::Dj] {
            for t in texts {
                let by_char = Folder::new(folding).fold(t);
                assert_eq!(by_char, fold_with(t, folding), "{t} {folding:?}");
                let (folded, from) = fold_mapped(t, folding);
                assert_eq!(folded, by_char);
                assert_eq!(from.len(), folded.len());
            }
        }
        let text = "Beograd, međutim, negira";
        let (folded, from) = fold_mapped(text, Folding::Dj);
        let at = folded.find("medutim").unwrap();
        let end = from[at + "medutim".len()];
        assert_eq!(&text[from[at]..end], "međutim");
    }

    #[test]
    fn transliterates_both_ways() {
        assert_eq!(cyr_to_lat("Љубљана"), "Ljubljana");
        assert_eq!(cyr_to_lat("ЉУБЉАНА"), "LJUBLJANA");
        assert_eq!(cyr_to_lat("Џон"), "Džon");
        assert_eq!(lat_to_cyr("Ljubljana"), "Љубљана");
        assert_eq!(lat_to_cyr("Milan Radoičić"), "Милан Радоичић");
        assert_eq!(lat_to_cyr("Srpska lista"), "Српска листа");
        assert_eq!(lat_to_cyr("džamija Njegoš"), "џамија Његош");
        let s = "Zajednica srpskih opština, Đorđe, ljubav, NJEGOŠ";
        assert_eq!(cyr_to_lat(&lat_to_cyr(s)), s);
    }

    #[test]
    fn word_tokens_keep_numbers_and_apostrophes() {
        assert_eq!(
            words("NATO's 1,000 troops, 4.500,5 i.e. don't"),
            vec!["NATO's", "1,000", "troops", "4.500,5", "i", "e", "don't"]
        );
        assert_eq!(words("Prishtinë—Beograd"), vec!["Prishtinë", "Beograd"]);
    }

    #[test]
    fn unstorable_characters_are_found_where_they_are() {
        assert_eq!(unstorable("tab\tline\nreturn\r ë €"), None);
        assert_eq!(
            unstorable("ë a\u{B}b"),
            Some(Unstorable {
                offset: 4,
                ch: '\u{B}'
            })
        );
        assert_eq!(unstorable("\0").map(|u| u.offset), Some(0));
        assert_eq!(unstorable("x\u{FFFF}").map(|u| u.ch), Some('\u{FFFF}'));
        // Other characters that start with the byte EF are text.
        assert_eq!(unstorable("\u{FEFF}\u{FFFD}\u{F000}"), None);
        assert_eq!(char_name('\u{B}'), "U+000B (vertical tab)");
        // The same set the TMX writer refuses.
        for c in (0u32..0x20)
            .chain([0xFFFE, 0xFFFF])
            .filter_map(char::from_u32)
        {
            let mut out = String::new();
            let writes = crate::interchange::escape_text(&c.to_string(), &mut out).is_ok();
            assert_eq!(writes, unstorable(&c.to_string()).is_none(), "{c:?}");
        }
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(nfc("e\u{0308}"), "ë");
        assert!(!is_nfc("c\u{030C}"));
    }
}

/// The digit zeros of Unicode's decimal digits (general category Nd): each
/// script's 0–9 are ten code points in a row from its zero. Unicode 16
/// (generated with Python's `unicodedata`, Unicode 14, and the blocks 15.0
/// and 16.0 added: Kawi, Nag Mundari; Garay, Sunuwar, Gurung Khema, Kirat
/// Rai, Ol Onal, Myanmar Extended-C, outlined digits).
const DIGIT_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
    0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730, 0x118E0, 0x11950, 0x11BF0, 0x11C50, 0x11D50,
    0x11DA0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0, 0x1D7CE, 0x1D7D8,
    0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950, 0x1FBF0,
];

/// The value of a decimal digit of any script (`7`, `７`, `७`, `٧`, `۷`), or
/// None for any other character.
pub fn decimal_digit(c: char) -> Option<u32> {
    let c = c as u32;
    if c < 0x80 {
        return (0x30..=0x39).contains(&c).then(|| c - 0x30);
    }
    let i = DIGIT_ZEROS.partition_point(|&z| z <= c).checked_sub(1)?;
    let v = c - DIGIT_ZEROS[i];
    (v < 10).then_some(v)
}

#[cfg(test)]
mod digit_tests {
    use super::*;

    #[test]
    fn decimal_digits_of_every_script() {
        for (s, v) in [
            ("0", 0),
            ("9", 9),
            ("７", 7),
            ("७", 7),
            ("٧", 7),
            ("۷", 7),
            ("໙", 9),
        ] {
            assert_eq!(decimal_digit(s.chars().next().unwrap()), Some(v), "{s}");
        }
        for c in ['a', '²', '½', 'Ⅶ', '①', '七', '/', ':'] {
            assert_eq!(decimal_digit(c), None, "{c}");
        }
        // Every block is ten numeric characters in a row, in order.
        assert!(DIGIT_ZEROS.is_sorted());
        for &z in DIGIT_ZEROS {
            for d in 0..10 {
                let c = char::from_u32(z + d).unwrap();
                assert!(c.is_numeric(), "U+{:04X}", z + d);
            }
        }
    }
}
