//! Elided articles and pronouns (fr l', d', qu'; it dell', all'; ca l'),
//! kept as data in `src/glossary/data/elision.txt`: recognition reads one as
//! a word of its own, so the name written after it is found (l'OTAN,
//! dell'Unione europea).

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("data/elision.txt");

/// The apostrophes an elision is written with (`text::words` joins on the
/// first two; ʼ is a letter and joins anyway).
const APOSTROPHES: [char; 3] = ['\'', '’', 'ʼ'];

/// Parse the table: language → elided words, lower case, without their
/// apostrophe.
pub fn parse(name: &str, text: &str) -> Result<HashMap<String, Vec<String>>, String> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut f = line.split_whitespace();
        let lang = f.next().unwrap_or_default().to_ascii_lowercase();
        let list = out.entry(lang).or_default();
        for p in f {
            let Some(w) = p.strip_suffix('\'') else {
                return Err(format!(
                    "{name}:{}: a prefix ends in an apostrophe: {p}",
                    n + 1
                ));
            };
            list.push(w.to_lowercase());
        }
    }
    Ok(out)
}

/// The elided words of a language (by primary subtag); empty if it has none.
pub fn for_lang(lang: &str) -> &'static [String] {
    static TABLE_R: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    let t = TABLE_R.get_or_init(|| {
        parse("elision.txt", TABLE).unwrap_or_else(|e| panic!("built-in table {e}"))
    });
    t.get(&crate::lang::primary(lang).to_ascii_lowercase())
        .map_or(&[], Vec::as_slice)
}

/// The length in bytes of the elided word (with its apostrophe) that `word`
/// begins with, when a word follows it: 2 for `l’OTAN`, None for
/// `aujourd'hui` or `OTAN`.
pub fn prefix_len(word: &str, elided: &[String]) -> Option<usize> {
    if elided.is_empty() {
        return None;
    }
    let (at, apostrophe) = word.char_indices().find(|(_, c)| APOSTROPHES.contains(c))?;
    let end = at + apostrophe.len_utf8();
    if end == word.len() || at == 0 || at > 8 {
        return None;
    }
    let head = word[..at].to_lowercase();
    elided.contains(&head).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elided_words_split_where_the_language_has_them() {
        let fr = for_lang("fr-CA");
        assert_eq!(prefix_len("l'OTAN", fr), Some(2));
        assert_eq!(prefix_len("L’OTAN", fr), Some(4));
        assert_eq!(prefix_len("jusqu'à", fr), Some(6));
        assert_eq!(prefix_len("aujourd'hui", fr), None);
        assert_eq!(prefix_len("OTAN", fr), None);
        assert_eq!(prefix_len("l'", fr), None);
        let it = for_lang("it");
        assert_eq!(prefix_len("dell'Unione", it), Some(5));
        assert_eq!(prefix_len("l'OTAN", for_lang("en")), None);
        assert_eq!(prefix_len("O'Neill", for_lang("fr")), None);
    }

    #[test]
    fn a_prefix_without_its_apostrophe_is_refused() {
        let e = parse("x.txt", "fr l' d").unwrap_err();
        assert!(e.contains("x.txt:1") && e.contains(" d"), "{e}");
    }
}
