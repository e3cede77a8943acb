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

/// Letters that do not decompose under NFD but have an obvious base letter.
/// (from, to) pairs; lower case only, since folding lowercases first.
const FOLD_EXTRA: &[(char, &str)] = &[
    ('đ', "dj"),
    ('ß', "ss"),
    ('ł', "l"),
    ('ø', "o"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('ð', "d"),
    ('þ', "th"),
    ('ı', "i"),
];

/// A comparison key: lower case, Cyrillic transliterated to Latin, diacritics
/// removed (`Radoičić` → `radoicic`, `Приштина` → `pristina`).
pub fn fold(s: &str) -> String {
    // ASCII has no Cyrillic, no decompositions and no `FOLD_EXTRA` letter.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let lat = cyr_to_lat(s);
    let mut out = String::with_capacity(lat.len());
    for c in lat.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        for lc in c.to_lowercase() {
            match FOLD_EXTRA.iter().find(|(f, _)| *f == lc) {
                Some((_, to)) => out.push_str(to),
                None => out.push(lc),
            }
        }
    }
    out
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
        let joiner = matches!(c, '\'' | '’' | '-' | '.' | ',')
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

/// Collapse runs of whitespace to one space and trim.
pub fn squash_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_and_scripts() {
        assert_eq!(fold("Radoičić"), "radoicic");
        assert_eq!(fold("Приштина"), "pristina");
        assert_eq!(fold("Prishtinë"), "prishtine");
        assert_eq!(fold("Đoković"), "djokovic");
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
