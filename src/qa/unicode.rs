//! Script and Unicode: words mixing Latin and Cyrillic letters (look-alikes
//! typed on the wrong keyboard: `Moсквa`), in Serbian whole words typed on
//! the other keyboard (`negira` in Cyrillic text), text not in NFC,
//! invisible and control characters.

use std::cell::OnceCell;
use std::collections::HashSet;
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

/// Words of the target `s` mixing Latin and Cyrillic letters, and, in
/// sr-Cyrl and sr-Latn, whole Serbian words typed on the other keyboard:
/// (byte range, the word retyped in the script of `lang`, or in its main
/// script). The source tells words copied from it (a name, a term kept in
/// Latin) from slips.
pub fn mixed_words(
    source: &str,
    src_lang: &str,
    s: &str,
    lang: &str,
) -> Vec<(Range<usize>, String)> {
    let cyrillic = lang.ends_with("-Cyrl")
        || matches!(crate::lang::primary(lang), "ru" | "uk" | "bg" | "mk" | "be");
    let base = s.as_ptr() as usize;
    // Parts of a hyphenated word are judged apart: Serbian Cyrillic writes
    // Latin acronyms with Cyrillic endings (FBI-у, YouTube-ом). Each part
    // keeps its whole word (e-mail), to be looked for in the source.
    let parts: Vec<(&str, &str)> = crate::text::words(s)
        .into_iter()
        .flat_map(|w| w.split('-').map(move |p| (p, w)))
        .collect();
    let words: Vec<&str> = parts.iter().map(|(p, _)| *p).collect();
    let serbian = serbian_with_script(lang);
    let copied = OnceCell::new();
    let from_source = |part: &str, whole: &str| {
        let copied = copied.get_or_init(|| source_words(source, src_lang));
        copied.contains(part) || copied.contains(&whole.to_lowercase().replace('-', ""))
    };
    let mut out = Vec::new();
    for (i, (w, whole)) in parts.iter().enumerate() {
        let (l, c) = script_counts(w);
        let start = w.as_ptr() as usize - base;
        let r = start..start + w.len();
        if l > 0 && c > 0 {
            let to_cyr = cyrillic || (c > l && lang.ends_with("-Latn").not());
            out.push((r, repair_to(w, to_cyr, lang)));
        } else if serbian
            && let Some(fixed) = slipped(&words, i, cyrillic)
            && !quoted(s, r.clone(), cyrillic)
            && !in_address(s, r.clone())
            && !from_source(w, whole)
        {
            out.push((r, fixed));
        }
    }
    out
}

/// sr-Cyrl or sr-Latn: Serbian whose script is known.
fn serbian_with_script(lang: &str) -> bool {
    crate::lang::primary(lang) == "sr" && (lang.ends_with("-Cyrl") || lang.ends_with("-Latn"))
}

/// A whole lower-case Serbian word typed on the other keyboard (`je`,
/// `negira` in Cyrillic text; `је`, `негира` in Latin text): the word
/// retyped. Left alone: capitalised words (names, acronyms and brands:
/// NATO, iPhone, Ye), words with letters Serbian lacks (q w x y, é; ы, я:
/// English, French, Russian), unit symbols without a vowel (km, mm), and a
/// single letter unless the words on both sides are in the text's script.
/// A word of look-alike letters is read as its look-alikes (`ce` → `се`),
/// any other is transliterated (`ljudi` → `људи`).
fn slipped(words: &[&str], i: usize, cyrillic_text: bool) -> Option<String> {
    let w = words[i];
    let serbian_letter = if cyrillic_text {
        crate::text::is_serbian_latin
    } else {
        crate::text::is_serbian_cyrillic
    };
    if w.is_empty() || !w.chars().all(serbian_letter) {
        return None;
    }
    if w.chars().nth(1).is_none() {
        if !neighbours_in_script(words, i, cyrillic_text) {
            return None;
        }
    } else if !w.chars().any(|c| "aeioruаеиоур".contains(c)) {
        return None;
    }
    // Look-alikes only ("": no alphabet), checked below.
    let look_alike = repair_to(w, cyrillic_text, "");
    let (l, c) = script_counts(&look_alike);
    let all_look_alike = if cyrillic_text { l == 0 } else { c == 0 };
    Some(
        if all_look_alike && !look_alike.contains(['і', 'ѕ', 'i', 's']) {
            look_alike
        } else if cyrillic_text {
            crate::text::lat_to_cyr(w)
        } else {
            crate::text::cyr_to_lat(w)
        },
    )
}

/// The words of a source, lower case, for telling a word copied from it
/// from a slip: hyphenated words also whole and without hyphens (e-mail,
/// email), English plurals and possessives also without their ending
/// (outlets, Sainsbury's). None from a source in Serbian or a language
/// written like it: there the word is the translation's own.
fn source_words(source: &str, src_lang: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    if matches!(
        crate::lang::primary(src_lang),
        "sr" | "hr" | "bs" | "cnr" | "sh"
    ) {
        return out;
    }
    for w in crate::text::words(source) {
        let w = w.to_lowercase();
        for part in w.split('-') {
            out.insert(part.to_string());
        }
        let mut forms = vec![w.replace('-', "")];
        for end in ["'s", "’s", "es", "s"] {
            if let Some(stem) = w.strip_suffix(end) {
                forms.push(stem.to_string());
            }
        }
        out.extend(forms);
        out.insert(w);
    }
    out
}

/// A quotation mark, not an apostrophe inside a word (don't, Sainsbury's).
fn is_quote(s: &str, i: usize, c: char) -> bool {
    "'\"‘’‚‛“”„‟«»‹›`".contains(c) && {
        let before = s[..i].chars().next_back();
        let after = s[i + c.len_utf8()..].chars().next();
        !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric))
    }
}

/// True if the word at `r` stands in a quotation with the words around it
/// that are not in the text's script ("a cup of coffee", ‘ye’): a quotation
/// from another language.
fn quoted(s: &str, r: Range<usize>, cyrillic_text: bool) -> bool {
    let in_script = |c: char| {
        if cyrillic_text {
            crate::text::is_cyrillic(c)
        } else {
            crate::text::is_latin(c)
        }
    };
    let before = s[..r.start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| !in_script(*c))
        .any(|(i, c)| is_quote(s, i, c));
    let after = s[r.end..]
        .char_indices()
        .take_while(|(_, c)| !in_script(*c))
        .any(|(i, c)| is_quote(s, r.end + i, c));
    before && after
}

/// True if the word at `r` is part of a web or e-mail address, a path or
/// code (www.b92.net, info@rts.rs, snake_case): the text between spaces
/// around it has such signs inside.
fn in_address(s: &str, r: Range<usize>) -> bool {
    let start = s[..r.start].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let end = s[r.end..]
        .find(char::is_whitespace)
        .map_or(s.len(), |i| r.end + i);
    s[start..end]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .contains([
            '@', '/', '\\', '_', '.', ':', '=', '#', '&', '?', '~', '<', '>', '{', '}', '|', '+',
            '%',
        ])
}

/// True if the words next to `words[i]` exist and are in the text's script
/// or acronyms (о GOP-у, NATO и EU), so that a slipped letter is not a word
/// of a phrase in the other script.
fn neighbours_in_script(words: &[&str], i: usize, cyrillic_text: bool) -> bool {
    let in_script = |w: &&str| {
        let (l, c) = script_counts(w);
        let acronym = l + c > 1 && w.chars().all(|ch| !ch.is_alphabetic() || ch.is_uppercase());
        acronym
            || if cyrillic_text {
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

pub fn check(
    source: &str,
    src_lang: &str,
    target: &str,
    lang: &str,
    enabled: &dyn Fn(&str) -> bool,
    hits: &mut Vec<Hit>,
) {
    // Plain ASCII has no invisible character and no Cyrillic; in Serbian
    // Cyrillic it may be a line typed on the Latin keyboard.
    if target.is_ascii() && !(serbian_with_script(lang) && lang.ends_with("-Cyrl")) {
        if enabled("invisible-char")
            && let Some((i, c)) = target.char_indices().find(|(_, c)| invisible(*c).is_some())
        {
            hits.push(invisible_hit(i, c));
        }
        return;
    }
    if enabled("mixed-script") && (has_mixed_word(target) || serbian_with_script(lang)) {
        let words = mixed_words(source, src_lang, target, lang);
        if let Some((r, fixed)) = words.first() {
            let (l, c) = script_counts(&target[r.clone()]);
            let script = if l == 0 || c == 0 {
                "the other script's letters (a whole word typed on the wrong keyboard)"
            } else if lang.ends_with("-Cyrl") {
                "Latin letters inside Cyrillic words"
            } else {
                "letters of both Latin and Cyrillic"
            };
            let more = match words.len() {
                1 => String::new(),
                2 => " (and 1 more word)".to_string(),
                n => format!(" (and {} more words)", n - 1),
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
        // Three mixed words, and the whole Latin `je` between them.
        let w = mixed_words("", "en", "Moсквa je у вишe нaврaтa", "sr-Cyrl");
        let fixed: Vec<&str> = w.iter().map(|(_, f)| f.as_str()).collect();
        assert_eq!(fixed, ["Москва", "је", "више", "наврата"]);
        let mut h = Vec::new();
        check(
            "",
            "en",
            "Pris\u{030c}tina\u{200B}",
            "sr-Latn",
            &|_| true,
            &mut h,
        );
        let ids: Vec<_> = h.iter().map(|h| h.check).collect();
        assert_eq!(ids, ["not-nfc", "invisible-char"]);
        assert!(has_mixed_word("Moсквa je"));
        assert!(!has_mixed_word("FBI-у и Москва, Kosovo"));
    }

    #[test]
    fn finds_whole_words_typed_on_the_other_keyboard() {
        let w = mixed_words("", "en", "Он je рекао да ће доћи.", "sr-Cyrl");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].1, "је");
        let w = mixed_words("", "en", "Rekao је da će doći.", "sr-Latn");
        assert_eq!(w[0].1, "je");
        // Names and quotations in Latin stay, and so do words with letters
        // Serbian lacks.
        for ok in [
            "Албум Ye је изашао.",
            "Рекао је: \"a cup of coffee\" и отишао.",
            "Реч ‘ye‘ значи ‘ти‘.",
        ] {
            assert!(mixed_words("", "en", ok, "sr-Cyrl").is_empty(), "{ok}");
        }
        assert!(mixed_words("", "en", "Он je рекао.", "ru").is_empty());
    }

    /// Any lower-case Serbian word in the other script, not only one of
    /// look-alike letters: retyped by transliteration.
    #[test]
    fn finds_serbian_words_of_any_letters_in_the_other_script() {
        let src = "Serbia denies the attack.";
        let w = mixed_words(src, "en", "Srbija негира napad.", "sr-Latn");
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].1, "negira");
        let t = "On негира напад ovde.";
        let w = mixed_words(src, "en", t, "sr-Latn");
        let found: Vec<(&str, &str)> = w.iter().map(|(r, f)| (&t[r.clone()], f.as_str())).collect();
        assert_eq!(found, [("негира", "negira"), ("напад", "napad")]);
        let t = "Он negira napad ovde.";
        let w = mixed_words(src, "en", t, "sr-Cyrl");
        let found: Vec<(&str, &str)> = w.iter().map(|(r, f)| (&t[r.clone()], f.as_str())).collect();
        assert_eq!(
            found,
            [("negira", "негира"), ("napad", "напад"), ("ovde", "овде")]
        );
        // Digraphs: lj, nj, dž are one Cyrillic letter.
        let w = mixed_words("", "en", "Он је рекао да ljudi nju vole.", "sr-Cyrl");
        let fixed: Vec<&str> = w.iter().map(|(_, f)| f.as_str()).collect();
        assert_eq!(fixed, ["људи", "њу", "воле"]);
        // A single letter between words of the text or acronyms: the
        // conjunction и, the preposition о.
        for t in [
            "Он i она.",
            "Чланице NATO i EU.",
            "Подаци o GOP сенаторима.",
        ] {
            let w = mixed_words("", "en", t, "sr-Cyrl");
            assert_eq!(w.len(), 1, "{t}");
        }
        assert_eq!(mixed_words("", "en", "Он i она.", "sr-Cyrl")[0].1, "и");
        // Next to Latin words that are no acronyms: a formula, a name.
        for t in ["Функција f(x) за x i y.", "Тим Johnson i Johnson."] {
            assert!(mixed_words("", "en", t, "sr-Cyrl").is_empty(), "{t}");
        }
    }

    /// Latin that belongs in Cyrillic Serbian text stays: names, acronyms
    /// and brands (capitalised), words with q w x y or letters Serbian lacks,
    /// unit symbols (no vowel), web and e-mail addresses, code, quotations,
    /// and words of the source (a term kept in Latin).
    #[test]
    fn legitimate_latin_in_cyrillic_text_stays() {
        for (src, t) in [
            ("", "Чланице NATO и EU су се састале."),
            ("", "Нови iPhone кошта више."),
            ("", "Пишите на info@rts.rs или посетите www.b92.net данас."),
            ("", "Видети https://rts.rs/vesti за више."),
            ("", "Он је рекао wow и отишао."),
            ("", "Пут од 50 km води до града, неколико km јужно."),
            ("", "Функција `print` враћа вредност."),
            ("", "Тим је обезбедио „wild-card“ место."),
            ("", "Рекао је: 'merci beaucoup' и отишао."),
            ("", "Реч café значи кафа."),
            (
                "Argos outlets in hundreds of stores",
                "Argos outlet одељења у стотинама продавница",
            ),
            (
                "The species Homo sapiens evolved.",
                "Врста Homo sapiens је еволуирала.",
            ),
            ("It was an ad hoc decision.", "То је била ad hoc одлука."),
            ("Send an e-mail today.", "Пошаљите e-mail данас."),
            ("Send an email today.", "Пошаљите e-mail данас."),
        ] {
            let w = mixed_words(src, "en", t, "sr-Cyrl");
            assert!(w.is_empty(), "{t}: {w:?}");
        }
        // Cyrillic in Latin text: a capitalised name, a Russian word.
        for t in [
            "Roman „Москва“ je objavljen.",
            "Rekao je Москва.",
            "Rekao je объявил.",
        ] {
            assert!(mixed_words("", "en", t, "sr-Latn").is_empty(), "{t}");
        }
    }

    /// A Serbian source in the other script is the same text, not a source
    /// of words kept in Latin.
    #[test]
    fn a_serbian_source_in_the_other_script_is_no_excuse() {
        let w = mixed_words("On negira napad.", "sr-Latn", "Он negira напад.", "sr-Cyrl");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].1, "негира");
    }

    #[test]
    fn check_reports_the_first_word_and_how_many_more() {
        let mut h = Vec::new();
        let on = |_: &str| true;
        check(
            "He denies it here.",
            "en",
            "On негира напад ovde.",
            "sr-Latn",
            &on,
            &mut h,
        );
        assert_eq!(h.len(), 1);
        assert_eq!(
            h[0].message,
            "'негира' has the other script's letters (a whole word typed on the wrong keyboard) (and 1 more word): retype it as 'negira'"
        );
        // A target in Latin only, in a Cyrillic file.
        let mut h = Vec::new();
        check(
            "He denies it here.",
            "en",
            "On negira napad ovde.",
            "sr-Cyrl",
            &on,
            &mut h,
        );
        assert_eq!(h.len(), 1, "{h:?}");
        assert!(h[0].message.contains("(and 2 more words)"), "{h:?}");
    }
}
