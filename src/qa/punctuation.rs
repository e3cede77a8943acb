//! Punctuation and form: final punctuation, unpaired quotes (by each
//! language's own quotation marks) and brackets, double spaces, leading and
//! trailing spaces, doubled words, spaces before punctuation.

use std::ops::Range;

use super::Hit;
use crate::script_marks;

/// Quotation marks of a language: (opening, closings). A mark that closes
/// itself ("…") toggles. Single quotes are left out: ’ is also the apostrophe.
const QUOTES: &[(&str, &[(char, &str)])] = &[
    ("en", &[('“', "”"), ('"', "\""), ('«', "»")]),
    // Serbian, Croatian, Bosnian, German: „…“ and »…«; English quotes are common too.
    (
        "sr",
        &[('„', "“”"), ('»', "«"), ('«', "»"), ('“', "”"), ('"', "\"")],
    ),
    (
        "hr",
        &[('„', "“”"), ('»', "«"), ('«', "»"), ('“', "”"), ('"', "\"")],
    ),
    (
        "bs",
        &[('„', "“”"), ('»', "«"), ('«', "»"), ('“', "”"), ('"', "\"")],
    ),
    (
        "de",
        &[('„', "“”"), ('»', "«"), ('«', "»"), ('“', "”"), ('"', "\"")],
    ),
    ("mk", &[('„', "“”"), ('«', "»"), ('“', "”"), ('"', "\"")]),
    // Albanian: “…”, „…“, «…», and “…“ as often printed.
    ("sq", &[('“', "”“"), ('„', "“”"), ('«', "»"), ('"', "\"")]),
    ("fr", &[('«', "»"), ('“', "”"), ('"', "\"")]),
    (
        "*",
        &[
            ('“', "”“"),
            ('„', "“”"),
            ('«', "»"),
            ('»', "«"),
            ('"', "\""),
        ],
    ),
];

fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '„' | '«' | '»' | '"')
}

fn is_bracket(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | '{' | '}')
}
const BRACKETS: &[(char, &str)] = &[('(', ")"), ('[', "]"), ('{', "}")];

fn quotes_of(lang: &str) -> &'static [(char, &'static str)] {
    let p = crate::lang::primary(lang);
    QUOTES
        .iter()
        .find(|(l, _)| *l == p)
        .or_else(|| QUOTES.iter().find(|(l, _)| *l == "*"))
        .map(|(_, q)| *q)
        .unwrap_or(&[])
}

/// The first unpaired mark of `s` (byte range), by the pairs given.
pub fn unpaired(s: &str, pairs: &[(char, &str)], marks: fn(char) -> bool) -> Option<Range<usize>> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    for (i, c) in s.char_indices() {
        if !marks(c) {
            continue;
        }
        if let Some(&(_, open)) = stack.last()
            && pairs
                .iter()
                .any(|(o, closes)| *o == open && closes.contains(c))
        {
            stack.pop();
            continue;
        }
        if pairs.iter().any(|(o, _)| *o == c) {
            stack.push((i, c));
        } else {
            return Some(i..i + c.len_utf8());
        }
    }
    stack.first().map(|&(i, c)| i..i + c.len_utf8())
}

/// Marks of other scripts inside a sentence, and the Latin mark each stands
/// for. The marks that end one (`。` as `.`, `؟` as `?`) are
/// [`script_marks`]'s, the segmenter's.
const CLAUSE_MARKS: &[(char, char)] = &[
    // CJK: ideographic and full-width marks.
    ('：', ':'),
    ('；', ';'),
    ('，', ','),
    ('、', ','),
    ('⋯', '…'),
    // Arabic script: Arabic and Urdu.
    ('؛', ';'),
    ('،', ','),
    // Greek ano teleia.
    ('\u{0387}', ';'),
    // Ethiopic.
    ('፣', ','),
    ('፤', ';'),
    ('፥', ':'),
    // Myanmar little section.
    ('၊', ','),
];

/// Marks a language writes for another: Greek ends a question with `;`;
/// Armenian typed on a Latin keyboard ends a sentence with `:` for `։`.
const LANGUAGE_MARKS: &[(&str, char, char)] = &[("el", ';', '?'), ("hy", ':', '.')];

/// Closing quotes and brackets after the final mark.
fn is_closer(c: char) -> bool {
    c.is_whitespace() || "”“\"»«’')]」』）】〕〗〙〛〉》＂＇］｣".contains(c)
}

/// The final punctuation of a text, as the Latin mark it stands for and as
/// written: the last character that is not a space, closing quote or
/// bracket, if it is punctuation.
fn final_punct(s: &str, lang: &str) -> Option<(char, char)> {
    let t = s.trim_end_matches(is_closer);
    if t.ends_with("...") || t.ends_with('…') {
        return Some(('…', '…'));
    }
    let last = t.chars().last()?;
    let primary = crate::lang::primary(lang);
    let class = if let Some(mark) = script_marks::sentence_mark(last) {
        mark.stop.latin()
    } else if let Some(&(_, latin)) = CLAUSE_MARKS.iter().find(|(c, _)| *c == last) {
        latin
    } else {
        LANGUAGE_MARKS
            .iter()
            .find(|&&(l, c, _)| l == primary && c == last)
            .map_or(last, |&(_, _, latin)| latin)
    };
    // Armenian marks a question or an exclamation on a word (՞ ՜) and ends
    // the sentence with its full stop.
    let class = match class {
        '.' if primary == "hy" && t.contains('՞') => '?',
        '.' if primary == "hy" && t.contains('՜') => '!',
        _ => class,
    };
    matches!(class, '.' | '!' | '?' | ':' | ';' | ',' | '…').then_some((class, last))
}

/// Single quotation marks of `s` that are not apostrophes (not between
/// letters): a source quoting with '…' over several segments.
fn single_quotes(s: &str) -> usize {
    let cs: Vec<char> = s.chars().collect();
    (0..cs.len())
        .filter(|&i| matches!(cs[i], '\'' | '‘' | '’'))
        .filter(|&i| {
            let before = i > 0 && cs[i - 1].is_alphanumeric();
            let after = cs.get(i + 1).is_some_and(|c| c.is_alphanumeric());
            // between letters: an apostrophe (don't); after an s: a possessive (Jones')
            !(before && (after || cs[i - 1] == 's'))
        })
        .count()
}

/// Words that a language may write twice in a row (Albanian "të të":
/// particle and pronoun; English "had had", "that that"), in Latin letters:
/// Serbian Cyrillic is compared transliterated.
const DOUBLES: &[(&str, &[&str])] = &[
    ("sq", &["të", "e", "së", "i", "u"]),
    ("en", &["had", "that", "is"]),
    ("sr", &["da", "je"]),
];

fn doubled_word(s: &str, lang: &str) -> Option<Range<usize>> {
    let allowed = DOUBLES
        .iter()
        .find(|(l, _)| *l == crate::lang::primary(lang))
        .map_or(&[][..], |(_, w)| *w);
    // Runs of letters, one pass: (start, end) of the previous and current run.
    let mut prev: Option<(usize, usize)> = None;
    let mut start: Option<usize> = None;
    let same = |a: &str, b: &str| {
        a.len() == b.len()
            && a.chars()
                .zip(b.chars())
                .all(|(x, y)| x == y || x.to_lowercase().eq(y.to_lowercase()))
    };
    let close = |st: usize, end: usize, prev: &mut Option<(usize, usize)>| {
        let found = match *prev {
            Some((ps, pe)) if end - st > 1 && &s[pe..st] == " " => {
                let (a, b) = (&s[ps..pe], &s[st..end]);
                // Read in Latin: the list serves both Serbian scripts (да да = da da).
                let word = crate::text::cyr_to_lat(&a.to_lowercase());
                (same(a, b) && !allowed.contains(&word.as_str())).then_some(ps..end)
            }
            _ => None,
        };
        *prev = Some((st, end));
        found
    };
    for (i, c) in s.char_indices() {
        if c.is_alphabetic() {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            if let Some(r) = close(st, i, &mut prev) {
                return Some(r);
            }
            // A word joined by a hyphen or apostrophe is no neighbour.
            if !c.is_whitespace() {
                prev = None;
            }
        } else if !c.is_whitespace() {
            prev = None;
        }
    }
    start.and_then(|st| close(st, s.len(), &mut prev))
}

fn space_before_punct(s: &str, lang: &str) -> Option<Range<usize>> {
    let french = crate::lang::primary(lang) == "fr";
    let b = s.as_bytes();
    for i in 1..b.len().saturating_sub(1) {
        if b[i] != b' ' {
            continue;
        }
        let p = b[i + 1];
        let punct = match p {
            b',' | b'.' => b.get(i + 2) != Some(&b'.'),
            b';' | b':' | b'!' | b'?' => !french,
            _ => false,
        };
        if !punct {
            continue;
        }
        let prev = s[..i].chars().last();
        if prev.is_some_and(char::is_alphanumeric) {
            return Some(i..i + 2);
        }
    }
    None
}

pub fn check(
    source: &str,
    src_lang: &str,
    target: &str,
    lang: &str,
    enabled: &dyn Fn(&str) -> bool,
    hits: &mut Vec<Hit>,
) {
    if target.trim().is_empty() {
        return;
    }
    if enabled("final-punctuation") {
        let (a, b) = (final_punct(source, src_lang), final_punct(target, lang));
        if a.map(|(class, _)| class) != b.map(|(class, _)| class) {
            let show = |c: Option<(char, char)>| {
                c.map_or("no punctuation".to_string(), |(_, c)| format!("'{c}'"))
            };
            hits.push(Hit::new(
                "final-punctuation",
                format!(
                    "the source ends with {}, the target with {}: end them alike",
                    show(a),
                    show(b)
                ),
            ));
        }
    }
    // Only a mark the source does not explain: a sentence of a quotation
    // that spans several segments is unpaired on both sides.
    if enabled("unpaired-quote")
        && target.contains(is_quote)
        && let Some(r) = unpaired(target, quotes_of(lang), is_quote)
        && unpaired(source, quotes_of(src_lang), is_quote).is_none()
        && single_quotes(source) % 2 == 0
    {
        hits.push(Hit::at(
            "unpaired-quote",
            format!(
                "the quotation mark {} has no pair (as {lang} pairs them): close or remove it",
                &target[r.clone()]
            ),
            r,
        ));
    }
    if enabled("unpaired-bracket")
        && target.contains(is_bracket)
        && let Some(r) = unpaired(target, BRACKETS, is_bracket)
        && unpaired(source, BRACKETS, is_bracket).is_none()
    {
        hits.push(Hit::at(
            "unpaired-bracket",
            format!(
                "the bracket {} has no pair: close or remove it",
                &target[r.clone()]
            ),
            r,
        ));
    }
    if enabled("double-space") {
        let t = target.trim();
        if let Some(i) = t.find("  ") {
            let off = t.as_ptr() as usize - target.as_ptr() as usize;
            hits.push(Hit::at(
                "double-space",
                "two spaces in a row: write one".to_string(),
                off + i..off + i + 2,
            ));
        }
    }
    if enabled("edge-space") {
        let lead = |s: &str| s.starts_with(char::is_whitespace);
        let trail = |s: &str| s.ends_with(char::is_whitespace);
        if (lead(target) && !lead(source)) || (trail(target) && !trail(source)) {
            hits.push(Hit::new(
                "edge-space",
                "the target has leading or trailing spaces that the source does not: remove them"
                    .to_string(),
            ));
        }
    }
    if enabled("doubled-word")
        && let Some(r) = doubled_word(target, lang)
        && doubled_word(source, src_lang).is_none()
    {
        hits.push(Hit::at(
            "doubled-word",
            format!("'{}': a word written twice; remove one", &target[r.clone()]),
            r,
        ));
    }
    if enabled("space-before-punctuation")
        && let Some(r) = space_before_punct(target, lang)
    {
        hits.push(Hit::at(
            "space-before-punctuation",
            format!(
                "a space before '{}': remove it",
                &target[r.start + 1..r.end]
            ),
            r,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, sl: &str, t: &str, tl: &str) -> Vec<&'static str> {
        let mut h = Vec::new();
        check(s, sl, t, tl, &|_| true, &mut h);
        h.into_iter().map(|h| h.check).collect()
    }

    #[test]
    fn quotes_by_language() {
        let sr = quotes_of("sr-Latn");
        assert_eq!(unpaired("On je rekao „da“.", sr, is_quote), None);
        assert_eq!(unpaired("On je rekao »da«.", sr, is_quote), None);
        assert!(unpaired("On je rekao „da.", sr, is_quote).is_some());
        let sq = quotes_of("sq");
        assert_eq!(
            unpaired("të shqetësuar se “duken si budallenj“", sq, is_quote),
            None
        );
        assert!(unpaired("He said ”yes”", quotes_of("en"), is_quote).is_some());
    }

    #[test]
    fn form_checks() {
        assert!(run("He said \"yes.\"", "en", "Rekao je „da“.", "sr-Latn").is_empty());
        assert_eq!(
            run("He left.", "en", "Otišao je", "sr-Latn"),
            ["final-punctuation"]
        );
        assert_eq!(
            run("He (left).", "en", "Otišao (je.", "sr-Latn"),
            ["unpaired-bracket"]
        );
        assert_eq!(
            run("He left.", "en", "Otišao  je.", "sr-Latn"),
            ["double-space"]
        );
        assert_eq!(
            run("He left.", "en", " Otišao je.", "sr-Latn"),
            ["edge-space"]
        );
        assert_eq!(
            run("He left home.", "en", "Otišao je kući kući.", "sr-Latn"),
            ["doubled-word"]
        );
        assert_eq!(
            run("He left, then.", "en", "Otišao je , onda.", "sr-Latn"),
            ["space-before-punctuation"]
        );
        assert!(run("Wait...", "en", "Čekaj …", "sr-Latn").is_empty());
    }

    #[test]
    fn terminators_of_other_scripts_are_their_latin_equivalents() {
        let en = "The telephone was invented in 1876.";
        for (t, tl) in [
            ("電話は１８７６年に発明された。", "ja"),
            ("电话是1876年发明的。", "zh"),
            ("टेलीफोन का आविष्कार 1876 में हुआ था।", "hi"),
            ("ہیلی فون 1876 میں ایجاد ہوا۔", "ur"),
            ("Հեռախոսը հայտնագործվել է 1876 թվականին։", "hy"),
            ("ስልክ በ1876 ተፈለሰፈ።", "am"),
            ("တယ်လီဖုန်းကို ၁၈၇၆ တွင် တီထွင်ခဲ့သည်။", "my"),
            ("「電話は１８７６年に発明された。」", "ja"),
        ] {
            assert_eq!(run(en, "en", t, tl), Vec::<&str>::new(), "{tl}");
            assert_eq!(
                run(t, tl, en, "en"),
                Vec::<&str>::new(),
                "{tl} as the source"
            );
        }
        for (s, t, tl) in [
            ("Who invented it?", "谁发明的？", "zh"),
            ("Who invented it?", "من اخترعه؟", "ar"),
            ("Who invented it?", "Ποιος το εφηύρε;", "el"),
            ("Who invented it?", "Ո՞վ է այն հայտնագործել։", "hy"),
            ("Run!", "走！", "zh"),
            ("Wait...", "等等……", "zh"),
        ] {
            assert_eq!(run(s, "en", t, tl), Vec::<&str>::new(), "{tl}: {t}");
        }
        // A different mark is still a finding, named as written.
        let mut h = Vec::new();
        check(en, "en", "电话是1876年发明的！", "zh", &|_| true, &mut h);
        assert_eq!(h.len(), 1);
        assert!(h[0].message.contains("'！'"), "{}", h[0].message);
        // A Greek semicolon is a question mark only in Greek.
        assert_eq!(run("Who?", "en", "Ποιος;", "el"), Vec::<&str>::new());
        assert_eq!(run("Who?", "en", "Qui;", "fr"), ["final-punctuation"]);
        // Armenian typed with a colon for its full stop.
        assert_eq!(
            run("Welcome home.", "en", "Բարի գալուստ տուն:", "hy"),
            Vec::<&str>::new()
        );
        assert_eq!(
            run("Welcome home.", "en", "Willkommen:", "de"),
            ["final-punctuation"]
        );
    }

    #[test]
    fn sentence_marks_are_the_segmenters() {
        // Marks of Unicode's Sentence_Terminal that no list of QA's named.
        for (t, tl) in [
            ("ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ᠃", "mn-Mong"),
            ("ܫܠܡܐ܂", "syr"),
            ("电话是1876年发明的︒", "zh"),
        ] {
            assert_eq!(final_punct(t, tl).map(|m| m.0), Some('.'), "{t}");
        }
        assert_eq!(final_punct("Really‽", "en").map(|m| m.0), Some('?'));
        assert_eq!(final_punct("真的﹖", "zh").map(|m| m.0), Some('?'));
        assert_eq!(final_punct("ߌ ߣߌ߫ ߛߐ߯ߡߊ߫߹", "nqo").map(|m| m.0), Some('!'));
        // The Myanmar little section is a comma.
        assert_eq!(final_punct("စာအုပ်၊", "my").map(|m| m.0), Some(','));
        // Every mark that ends a sentence for the segmenter ends a text alike.
        for (c, mark) in script_marks::all() {
            let t = format!("ABC{c}");
            assert_eq!(
                final_punct(&t, "und"),
                Some((mark.stop.latin(), c)),
                "{c:?}"
            );
        }
    }

    #[test]
    fn allowed_doubles_hold_in_both_serbian_scripts() {
        assert_eq!(doubled_word("spremao da da ostavku", "sr-Latn"), None);
        assert_eq!(doubled_word("спремао да да оставку", "sr-Cyrl"), None);
        assert_eq!(doubled_word("То је је рекао", "sr-Cyrl"), None);
        assert!(doubled_word("отишао кући кући", "sr-Cyrl").is_some());
    }
}
