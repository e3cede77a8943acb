//! Script-level helpers for recognition: the script of a word, and
//! repairing look-alike letters (`data/lookalikes.txt`). Folding one
//! character at a time is [`crate::text::Folder`].

use std::sync::OnceLock;

use crate::text::{is_cyrillic, is_latin};

/// The script a word is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
    /// No Latin or Cyrillic letter (digits, Greek, …).
    Other,
}

/// Latin and Cyrillic letter counts of a word.
pub fn script_counts(word: &str) -> (usize, usize) {
    let mut lat = 0;
    let mut cyr = 0;
    for c in word.chars() {
        if is_cyrillic(c) {
            cyr += 1;
        } else if is_latin(c) {
            lat += 1;
        }
    }
    (lat, cyr)
}

/// The main script of a word (the one with more letters; Latin on a tie).
pub fn script(word: &str) -> Script {
    match script_counts(word) {
        (0, 0) => Script::Other,
        (l, c) if c > l => Script::Cyrillic,
        _ => Script::Latin,
    }
}

fn lookalikes() -> &'static [(char, char)] {
    static TABLE: OnceLock<Vec<(char, char)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("data/lookalikes.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .filter_map(|l| {
                let mut it = l.split_whitespace().filter_map(|s| s.chars().next());
                Some((it.next()?, it.next()?))
            })
            .collect()
    })
}

/// A word with letters of both scripts, read in its main script: Latin
/// look-alikes inside a Cyrillic word become Cyrillic and the reverse, in
/// letters of `lang`'s alphabet ([`repair_to`]). Returns `None` when the
/// word is in one script (nothing to repair).
pub fn repair_mixed(word: &str, lang: &str) -> Option<String> {
    let (lat, cyr) = script_counts(word);
    if lat == 0 || cyr == 0 {
        return None;
    }
    Some(repair_to(word, cyr > lat, lang))
}

/// The lower-case letters of a language's alphabet in one script, where we
/// know it: a look-alike letter the language lacks is never proposed
/// (Serbian has no `і` or `ѕ`, Macedonian no `і`, Serbian Latin no `x` or `y`).
fn alphabet(lang: &str, cyrillic: bool) -> Option<&'static str> {
    Some(match (crate::lang::primary(lang), cyrillic) {
        ("sr", true) => "абвгдђежзијклљмнњопрстћуфхцчџш",
        ("mk", true) => "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
        ("ru", true) => "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        ("uk", true) => "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
        ("bg", true) => "абвгдежзийклмнопрстуфхцчшщъьюя",
        ("be", true) => "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
        ("sr" | "hr" | "bs" | "cnr" | "sh", false) => "abcčćdđefghijklmnoprsštuvzž",
        ("sq", false) => "abcçdeëfghijklmnopqrstuvxyz",
        _ => return None,
    })
}

/// `word` with its look-alike letters put into one script: Latin ones
/// into Cyrillic when `to_cyr`, else the reverse. A look-alike `lang`'s
/// alphabet lacks is transliterated instead (Serbian `Sрбију` → `Србију`,
/// not Macedonian `Ѕрбију`; `Приштинi` → `Приштини`); with no letter of
/// the alphabet either way the look-alike is kept (`lang` "" knows no alphabet).
pub fn repair_to(word: &str, to_cyr: bool, lang: &str) -> String {
    let table = lookalikes();
    let letters = alphabet(lang, to_cyr);
    let has = |s: &str| {
        letters.is_none_or(|a| s.chars().all(|c| c.to_lowercase().all(|l| a.contains(l))))
    };
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let hit = if to_cyr {
            table.iter().find(|(l, _)| *l == c).map(|(_, k)| *k)
        } else {
            table.iter().find(|(_, k)| *k == c).map(|(l, _)| *l)
        };
        let Some(k) = hit else {
            out.push(c);
            continue;
        };
        if has(k.encode_utf8(&mut [0; 4])) {
            out.push(k);
            continue;
        }
        let c = c.to_string();
        let translit = if to_cyr {
            crate::text::lat_to_cyr(&c)
        } else {
            crate::text::cyr_to_lat(&c)
        };
        if translit != c && has(&translit) {
            out.push_str(&translit);
        } else {
            out.push(k);
        }
    }
    out
}

/// The script a language tag says its text is in: Cyrillic for `-Cyrl` and
/// the languages written only in Cyrillic, Latin for `-Latn`; None when the
/// tag does not say (`sr`, `en`).
pub fn lang_script(lang: &str) -> Option<Script> {
    if lang.contains("-Cyrl")
        || matches!(crate::lang::primary(lang), "ru" | "uk" | "bg" | "mk" | "be")
    {
        Some(Script::Cyrillic)
    } else if lang.contains("-Latn") {
        Some(Script::Latin)
    } else {
        None
    }
}

/// A word of `lang` text in one script: look-alike letters of the other
/// script are read in the script the tag names, else in the word's main
/// script (`Вaшингтoн` → `Вашингтон`, and `Кaвaнoa`, with more Latin
/// look-alikes than Cyrillic letters, → `Каваноа` in sr-Cyrl). None when
/// the word still mixes scripts after that.
pub fn in_one_script(word: &str, lang: &str) -> Option<String> {
    let (lat, cyr) = script_counts(word);
    if lat == 0 || cyr == 0 {
        return Some(word.to_string());
    }
    let to_cyr = match lang_script(lang) {
        Some(Script::Cyrillic) => true,
        Some(Script::Latin) => false,
        _ => cyr > lat,
    };
    let repaired = repair_to(word, to_cyr, lang);
    let (lat, cyr) = script_counts(&repaired);
    (lat == 0 || cyr == 0).then_some(repaired)
}

/// Lower case, Latin, NFC, diacritics kept: the form endings are written in.
pub fn lower_latin(s: &str) -> String {
    crate::text::nfc(&crate::text::cyr_to_lat(s).to_lowercase())
}

/// The capitalisation of a word: (first letter upper case, all letters upper case).
pub fn case_shape(s: &str) -> (bool, bool) {
    let mut letters = s.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return (false, false);
    };
    let rest: Vec<char> = letters.collect();
    (
        first.is_uppercase(),
        first.is_uppercase() && !rest.is_empty() && rest.iter().all(|c| c.is_uppercase()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_look_alikes() {
        // Cyrillic word with a Latin "a" and "p"
        assert_eq!(
            repair_mixed("Пpиштинa", "sr-Cyrl").as_deref(),
            Some("Приштина")
        );
        // Latin word with a Cyrillic "о"
        assert_eq!(repair_mixed("Kоsovo", "sr-Latn").as_deref(), Some("Kosovo"));
        assert_eq!(repair_mixed("Kosovo", "sr-Latn"), None);
        assert_eq!(script("Србија"), Script::Cyrillic);
        assert_eq!(script("2023"), Script::Other);
    }

    #[test]
    fn words_are_put_in_the_script_their_language_names() {
        // four Latin look-alikes, three Cyrillic letters
        assert_eq!(
            in_one_script("Кaвaнoa", "sr-Cyrl").as_deref(),
            Some("Каваноа")
        );
        assert_eq!(in_one_script("Кaвaнoa", "sr"), None);
        assert_eq!(
            in_one_script("Вaшингтoн", "sr").as_deref(),
            Some("Вашингтон")
        );
        assert_eq!(
            in_one_script("Kоsovo", "sr-Latn").as_deref(),
            Some("Kosovo")
        );
        assert_eq!(in_one_script("NATO", "sr-Cyrl").as_deref(), Some("NATO"));
        assert_eq!(in_one_script("Бgд", "sr-Cyrl"), None);
        assert_eq!(lang_script("mk"), Some(Script::Cyrillic));
        assert_eq!(lang_script("sq"), None);
    }

    #[test]
    fn repairs_use_only_letters_of_the_language() {
        // Serbian has neither і nor ѕ: transliterated instead of look-alikes
        assert_eq!(repair_mixed("Sрбију", "sr-Cyrl").as_deref(), Some("Србију"));
        assert_eq!(
            repair_mixed("Приштинi", "sr-Cyrl").as_deref(),
            Some("Приштини")
        );
        // Macedonian has ѕ but not і
        assert_eq!(repair_mixed("Sкопје", "mk").as_deref(), Some("Ѕкопје"));
        assert_eq!(repair_mixed("Битолi", "mk").as_deref(), Some("Битоли"));
        // Ukrainian has і
        assert_eq!(repair_mixed("Київi", "uk").as_deref(), Some("Київі"));
        // Serbian Latin has no x or y: a Cyrillic х or у is h or u
        assert_eq!(
            repair_mixed("Beogrаdу", "sr-Latn").as_deref(),
            Some("Beogradu")
        );
        assert_eq!(repair_mixed("Mахala", "sr-Latn").as_deref(), Some("Mahala"));
        assert_eq!(
            in_one_script("Sрбија", "sr-Cyrl").as_deref(),
            Some("Србија")
        );
    }

    #[test]
    fn case_shapes() {
        assert_eq!(case_shape("NATO"), (true, true));
        assert_eq!(case_shape("Nato"), (true, false));
        assert_eq!(case_shape("X"), (true, false));
        assert_eq!(case_shape("premijer"), (false, false));
    }
}
