//! Script and Unicode: words mixing Latin and Cyrillic letters (look-alikes
//! typed on the wrong keyboard: `Moсквa`), text not in NFC, invisible and
//! control characters.

use std::ops::{Not, Range};

use super::Hit;
use crate::glossary::script::{repair_to, script_counts};

/// Invisible characters worth a finding: (char, name).
const INVISIBLE: &[(char, &str)] = &[
    ('\u{00AD}', "SOFT HYPHEN"),
    ('\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200C}', "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', "ZERO WIDTH JOINER"),
    ('\u{200E}', "LEFT-TO-RIGHT MARK"),
    ('\u{200F}', "RIGHT-TO-LEFT MARK"),
    ('\u{2028}', "LINE SEPARATOR"),
    ('\u{2029}', "PARAGRAPH SEPARATOR"),
    ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
    ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING"),
    ('\u{202C}', "POP DIRECTIONAL FORMATTING"),
    ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE"),
    ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
    ('\u{2060}', "WORD JOINER"),
    ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
    ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
    ('\u{2068}', "FIRST STRONG ISOLATE"),
    ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
    ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE (BOM)"),
    ('\u{FFFC}', "OBJECT REPLACEMENT CHARACTER"),
    ('\u{FFFD}', "REPLACEMENT CHARACTER"),
];

/// A cheap first test: only these can be [`invisible`].
fn maybe_invisible(c: char) -> bool {
    let u = c as u32;
    u < 0x20 || (0x7F..=0xAD).contains(&u) || (0x2000..=0x206F).contains(&u) || u >= 0xFEFF
}

fn invisible(c: char) -> Option<String> {
    if !maybe_invisible(c) {
        return None;
    }
    if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
        return Some(format!("control character U+{:04X}", c as u32));
    }
    if c.is_ascii() {
        return None;
    }
    INVISIBLE
        .iter()
        .find(|(x, _)| *x == c)
        .map(|(_, n)| format!("U+{:04X} {n}", c as u32))
}

/// Words of `s` mixing Latin and Cyrillic letters: (byte range, the word
/// retyped in the script of `lang`, or in its main script).
pub fn mixed_words(s: &str, lang: &str) -> Vec<(Range<usize>, String)> {
    let cyrillic = lang.ends_with("-Cyrl")
        || matches!(crate::lang::primary(lang), "ru" | "uk" | "bg" | "mk" | "be");
    let base = s.as_ptr() as usize;
    // Parts of a hyphenated word are judged apart: Serbian Cyrillic writes
    // Latin acronyms with Cyrillic endings (FBI-у, YouTube-ом).
    let words: Vec<&str> = crate::text::words(s)
        .into_iter()
        .flat_map(|w| w.split('-'))
        .collect();
    let serbian = serbian_with_script(lang);
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let (l, c) = script_counts(w);
        let start = w.as_ptr() as usize - base;
        if l > 0 && c > 0 {
            let to_cyr = cyrillic || (c > l && lang.ends_with("-Latn").not());
            out.push((start..start + w.len(), repair_to(w, to_cyr)));
        } else if serbian
            && let Some(fixed) = slipped(w, cyrillic)
            && neighbours_in_script(&words, i, cyrillic)
            && !quoted(s, start..start + w.len())
        {
            out.push((start..start + w.len(), fixed));
        }
    }
    out
}

/// sr-Cyrl or sr-Latn: Serbian whose script is known.
fn serbian_with_script(lang: &str) -> bool {
    crate::lang::primary(lang) == "sr" && (lang.ends_with("-Cyrl") || lang.ends_with("-Latn"))
}

/// A whole lower-case Serbian word typed on the other keyboard, whose every
/// letter has a look-alike (`je` in Cyrillic text, `је` in Latin text):
/// the word retyped. Capitalised words are left alone (names and brands
/// such as `Boy` are written in Latin in Cyrillic text), and so are `i` and
/// `s`, whose look-alikes (і, ѕ) are not Serbian letters.
fn slipped(w: &str, cyrillic_text: bool) -> Option<String> {
    let (l, c) = script_counts(w);
    let wrong = if cyrillic_text { l } else { c };
    if wrong == 0 || wrong != w.chars().count() || w.chars().any(|ch| !ch.is_lowercase()) {
        return None;
    }
    let fixed = repair_to(w, cyrillic_text);
    let (l2, c2) = script_counts(&fixed);
    let right = if cyrillic_text { c2 } else { l2 };
    (right == wrong && !fixed.contains(['і', 'ѕ', 'i', 's'])).then_some(fixed)
}

/// True if the word at `r` is set in quotation marks (‘ye’, "a"): a word
/// quoted from another language.
fn quoted(s: &str, r: Range<usize>) -> bool {
    let quote = |c: Option<char>| c.is_some_and(|c| "'\"‘’‚‛“”„‟«»‹›`".contains(c));
    quote(s[..r.start].chars().next_back()) && quote(s[r.end..].chars().next())
}

/// True if the words next to `words[i]` exist and are in the text's script,
/// so that a slipped word is not a word of a quotation in the other script.
fn neighbours_in_script(words: &[&str], i: usize, cyrillic_text: bool) -> bool {
    let in_script = |w: &&str| {
        let (l, c) = script_counts(w);
        if cyrillic_text {
            c > 0 && l == 0
        } else {
            l > 0 && c == 0
        }
    };
    let before = i.checked_sub(1).and_then(|j| words.get(j));
    let after = words.get(i + 1);
    (before.is_some() || after.is_some())
        && before.is_none_or(in_script)
        && after.is_none_or(in_script)
}

/// True if some word (hyphenated parts apart) has both Latin and Cyrillic
/// letters: one pass, no allocation.
fn has_mixed_word(s: &str) -> bool {
    let (mut lat, mut cyr) = (false, false);
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                lat = true;
            } else if !c.is_ascii_digit() {
                lat = false;
                cyr = false;
                continue;
            }
        } else if crate::text::is_cyrillic(c) {
            cyr = true;
        } else if crate::text::is_latin(c) {
            lat = true;
        } else if !c.is_alphanumeric() {
            lat = false;
            cyr = false;
            continue;
        }
        if lat && cyr {
            return true;
        }
    }
    false
}

pub fn check(target: &str, lang: &str, enabled: &dyn Fn(&str) -> bool, hits: &mut Vec<Hit>) {
    if target.is_ascii() {
        if enabled("invisible-char")
            && let Some((i, c)) = target.char_indices().find(|(_, c)| invisible(*c).is_some())
        {
            hits.push(invisible_hit(i, c));
        }
        return;
    }
    if enabled("mixed-script") && (has_mixed_word(target) || serbian_with_script(lang)) {
        let words = mixed_words(target, lang);
        if let Some((r, fixed)) = words.first() {
            let (l, c) = script_counts(&target[r.clone()]);
            let script = if l == 0 || c == 0 {
                "the other script's letters (a whole word typed on the wrong keyboard)"
            } else if lang.ends_with("-Cyrl") {
                "Latin letters inside Cyrillic words"
            } else {
                "letters of both Latin and Cyrillic"
            };
            let more = if words.len() > 1 {
                format!(" (and {} more words)", words.len() - 1)
            } else {
                String::new()
            };
            hits.push(Hit::at(
                "mixed-script",
                format!(
                    "'{}' has {script}{more}: retype it as '{fixed}'",
                    &target[r.clone()]
                ),
                r.clone(),
            ));
        }
    }
    if enabled("not-nfc") && !crate::text::is_nfc(target) {
        hits.push(Hit::new(
            "not-nfc",
            "the target is not in Unicode NFC (decomposed accents): normalise it".to_string(),
        ));
    }
    if enabled("invisible-char")
        && let Some((i, c)) = target.char_indices().find(|(_, c)| invisible(*c).is_some())
    {
        hits.push(invisible_hit(i, c));
    }
}

fn invisible_hit(i: usize, c: char) -> Hit {
    Hit::at(
        "invisible-char",
        format!(
            "an invisible {} in the target: remove it",
            invisible(c).unwrap_or_default()
        ),
        i..i + c.len_utf8(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_look_alikes_and_invisibles() {
        let w = mixed_words("Moсквa je у вишe нaврaтa", "sr-Cyrl");
        assert_eq!(w.len(), 3);
        assert_eq!(w[0].1, "Москва");
        let mut h = Vec::new();
        check("Pris\u{030c}tina\u{200B}", "sr-Latn", &|_| true, &mut h);
        let ids: Vec<_> = h.iter().map(|h| h.check).collect();
        assert_eq!(ids, ["not-nfc", "invisible-char"]);
        assert!(has_mixed_word("Moсквa je"));
        assert!(!has_mixed_word("FBI-у и Москва, Kosovo"));
    }

    #[test]
    fn finds_whole_words_typed_on_the_other_keyboard() {
        let w = mixed_words("Он je рекао да ће доћи.", "sr-Cyrl");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].1, "је");
        let w = mixed_words("Rekao је da će doći.", "sr-Latn");
        assert_eq!(w[0].1, "je");
        // Names and quotations in Latin stay, and so does a Latin `i`.
        for ok in [
            "Албум Ye је изашао.",
            "Рекао је: \"a cup of coffee\" и отишао.",
            "Он i она.",
            "Реч ‘ye‘ значи ‘ти‘.",
        ] {
            assert!(mixed_words(ok, "sr-Cyrl").is_empty(), "{ok}");
        }
        assert!(mixed_words("Он je рекао.", "ru").is_empty());
    }
}
