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
/// look-alikes inside a Cyrillic word become Cyrillic and the reverse.
/// Returns `None` when the word is in one script (nothing to repair).
pub fn repair_mixed(word: &str) -> Option<String> {
    let (lat, cyr) = script_counts(word);
    if lat == 0 || cyr == 0 {
        return None;
    }
    Some(repair_to(word, cyr > lat))
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
    let repaired = repair_to(word, to_cyr);
    let (lat, cyr) = script_counts(&repaired);
    (lat == 0 || cyr == 0).then_some(repaired)
}

/// `word` with its look-alike letters put into one script: Latin ones
/// into Cyrillic when `to_cyr`, else the reverse.
pub fn repair_to(word: &str, to_cyr: bool) -> String {
    let table = lookalikes();
    word.chars()
        .map(|c| {
            let hit = if to_cyr {
                table.iter().find(|(l, _)| *l == c).map(|(_, k)| *k)
            } else {
                table.iter().find(|(_, k)| *k == c).map(|(l, _)| *l)
            };
            hit.unwrap_or(c)
        })
        .collect()
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
        assert_eq!(repair_mixed("Пpиштинa").as_deref(), Some("Приштина"));
        // Latin word with a Cyrillic "о"
        assert_eq!(repair_mixed("Kоsovo").as_deref(), Some("Kosovo"));
        assert_eq!(repair_mixed("Kosovo"), None);
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
    fn case_shapes() {
        assert_eq!(case_shape("NATO"), (true, true));
        assert_eq!(case_shape("Nato"), (true, false));
        assert_eq!(case_shape("X"), (true, false));
        assert_eq!(case_shape("premijer"), (false, false));
    }
}
