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

/// A mark that closes a quotation in some language's style (`”`, `»`, `«`,
/// `“`, `"`).
fn closes_in_some_style(c: char) -> bool {
    QUOTES
        .iter()
        .flat_map(|(_, pairs)| pairs.iter())
        .any(|(_, closes)| closes.contains(c))
}

/// A quotation opened in one style and closed in another (`„…»`): when `s`
/// does not pair by `pairs` but would if any closing mark of any style
/// closed the quotation open before it, the first such opening and closing
/// mark (byte ranges). A text unpaired either way (an unclosed quotation)
/// gives `None`.
fn mixed_styles(s: &str, pairs: &[(char, &str)]) -> Option<(Range<usize>, Range<usize>)> {
    unpaired(s, pairs, is_quote)?;
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut first = None;
    for (i, c) in s.char_indices().filter(|&(_, c)| is_quote(c)) {
        if let Some(&(at, open)) = stack.last()
            && closes_in_some_style(c)
        {
            stack.pop();
            let paired = pairs
                .iter()
                .any(|(o, closes)| *o == open && closes.contains(c));
            if !paired && first.is_none() {
                first = Some((at..at + open.len_utf8(), i..i + c.len_utf8()));
            }
        } else if pairs.iter().any(|(o, _)| *o == c) {
            stack.push((i, c));
        } else {
            return None;
        }
    }
    if stack.is_empty() { first } else { None }
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

/// Doubled words that are grammar: `data/doubles.txt`.
#[derive(Default)]
struct Doubles {
    /// Language → function words it writes twice in a row.
    words: std::collections::HashMap<&'static str, Vec<&'static str>>,
    /// Languages in which no doubled word is reported.
    reduplicating: Vec<&'static str>,
}

fn doubles() -> &'static Doubles {
    static D: std::sync::OnceLock<Doubles> = std::sync::OnceLock::new();
    D.get_or_init(|| {
        let mut d = Doubles::default();
        for line in include_str!("data/doubles.txt").lines() {
            let mut f = line.split_whitespace();
            match f.next() {
                None => {}
                Some(c) if c.starts_with('#') => {}
                Some("double") => {
                    let lang = f.next().expect("doubles.txt: double LANG WORD...");
                    d.words.entry(lang).or_default().extend(f);
                }
                Some("reduplicates") => d.reduplicating.extend(f),
                Some(other) => panic!("doubles.txt: unknown line kind {other}"),
            }
        }
        d
    })
}

/// The words of `s` (byte ranges): runs of letters (and the marks written
/// on them), letters joined by a hyphen or an apostrophe being one word
/// (что-то, est-ce, l'homme).
fn words(s: &str) -> Vec<Range<usize>> {
    let letter = |c: char| c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c);
    let joiner = |c: char| matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\'' | '’');
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if letter(c) {
            start.get_or_insert(i);
            continue;
        }
        let joins = start.is_some() && joiner(c) && chars.peek().is_some_and(|&(_, n)| letter(n));
        if !joins && let Some(st) = start.take() {
            out.push(st..i);
        }
    }
    out.extend(start.map(|st| st..s.len()));
    out
}

/// True if the text before a word begins a sentence: nothing, or a
/// sentence mark, with only spaces, quotes and brackets after it.
fn begins_sentence(before: &str) -> bool {
    let t = before
        .trim_end_matches(|c: char| c.is_whitespace() || is_closer(c) || "„‚‹«“‘([¿¡".contains(c));
    t.chars()
        .last()
        .is_none_or(|c| script_marks::sentence_mark(c).is_some() || c == ':')
}

/// The words of `s` (of two letters or more) written twice in a row
/// with one space between (byte range of both), unless the language's grammar doubles it
/// (`data/doubles.txt`). Words differing in case are two words (German
/// `Sie sie`: you, it), except for the capital that begins a sentence (`Die
/// die`).
fn doubled_words(s: &str, lang: &str) -> Vec<Range<usize>> {
    let primary = crate::lang::primary(lang);
    let d = doubles();
    if d.reduplicating.contains(&primary) {
        return Vec::new();
    }
    let allowed = d.words.get(primary).map_or(&[][..], |w| &w[..]);
    let ws = words(s);
    ws.windows(2)
        .filter_map(|p| {
            let (a, b) = (&s[p[0].clone()], &s[p[1].clone()]);
            if &s[p[0].end..p[1].start] != " " || a.chars().nth(1).is_none() {
                return None;
            }
            let same = a == b || (begins_sentence(&s[..p[0].start]) && capitalised(b) == a);
            // Read in Latin: the list serves both Serbian scripts (да да = da da).
            let word = crate::text::cyr_to_lat(&b.to_lowercase());
            (same && !allowed.contains(&word.as_str())).then(|| p[0].start..p[1].end)
        })
        // A word written three times is one doubling (Como como como).
        .fold(Vec::new(), |mut out: Vec<Range<usize>>, r| {
            match out.last_mut() {
                Some(last) if last.end > r.start => last.end = r.end,
                _ => out.push(r),
            }
            out
        })
}

/// `w` with its first letter in upper case.
fn capitalised(w: &str) -> String {
    let mut cs = w.chars();
    cs.next()
        .map(|c| c.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

/// Where the source writes a word twice, with only spaces or punctuation
/// between (`very, very`, `talk - talk`): the target may then double a
/// word once for each (byte ranges of both words).
fn repetitions(s: &str) -> Vec<Range<usize>> {
    let ws = words(s);
    ws.windows(2)
        .filter(|p| {
            let between = &s[p[0].end..p[1].start];
            !between.contains(char::is_alphanumeric)
                && s[p[0].clone()].to_lowercase() == s[p[1].clone()].to_lowercase()
        })
        .map(|p| p[0].start..p[1].end)
        .collect()
}

/// How often, among a TM's other units of a language pair, a target word
/// occurs (`target`), and for each word of the source, how often that word
/// occurs and how often both do (`source`: pairs of counts).
#[derive(Debug, Clone, PartialEq)]
pub struct Cooccurrence {
    pub target: u64,
    pub source: Vec<(u64, u64)>,
}

/// What the TM knows of the words of a pair: the [`Cooccurrence`] of a
/// target word with the words of the source (all distinct, lower case), or
/// None when there is no TM to ask.
pub type Cooccurrences<'a> = dyn Fn(&str, &[String]) -> Option<Cooccurrence> + 'a;

/// Units of the TM a target word must occur in, besides the one checked,
/// before its company is taken as evidence: fewer say too little.
const MIN_EVIDENCE: u64 = 3;

/// Whether the TM shows the target word translating source word `x`: the
/// source word it keeps company with most (Dice coefficient of the units
/// each occurs in) is `x`. None when the word is too rare to tell.
pub fn tm_translates(x: usize, c: &Cooccurrence) -> Option<bool> {
    if c.target < MIN_EVIDENCE {
        return None;
    }
    let dice = |&(n, both): &(u64, u64)| 2.0 * both as f64 / (n + c.target).max(1) as f64;
    let own = dice(c.source.get(x)?);
    Some(own > 0.0 && c.source.iter().all(|p| dice(p) <= own))
}

/// True if two words (folded) look like one word in two languages: the same
/// word, a name (Romeo, Roméo), a cognate or another form of it (not, no):
/// they share a beginning of at least two letters and two thirds of the
/// longer.
fn akin(a: &str, b: &str) -> bool {
    let (a, b) = (crate::text::fold(a), crate::text::fold(b));
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let longer = a.chars().count().max(b.chars().count());
    common >= 2 && 3 * common >= 2 * longer
}

/// Whether the doubled target word `y` can be the translation of the word
/// `x` the source repeats: yes if akin to it; no if akin to another word of
/// the source (it translates that one); else as the TM's other units show
/// (`tm`); None when nothing tells.
fn translates(x: &str, y: &str, source_words: &[String], tm: &Cooccurrences) -> Option<bool> {
    if akin(x, y) {
        return Some(true);
    }
    if source_words.iter().any(|w| akin(w, y)) {
        return Some(false);
    }
    let i = source_words.iter().position(|w| *w == x.to_lowercase())?;
    tm(&y.to_lowercase(), source_words).and_then(|c| tm_translates(i, &c))
}

/// The doublings of `target` that the repetitions of `source` do not
/// excuse. Each repetition excuses one doubling, of a word that can be its
/// translation ([`translates`]): the nearest of those shown to be, else the
/// nearest of those nothing tells of (its place in the text: middle of the
/// span, as a share of the length); never one shown not to be.
fn unexcused_doublings(
    source: &str,
    target: &str,
    lang: &str,
    tm: &Cooccurrences,
) -> Vec<Range<usize>> {
    let mut left = doubled_words(target, lang);
    let reps = repetitions(source);
    if left.is_empty() || reps.is_empty() {
        return left;
    }
    let mut source_words: Vec<String> = words(source)
        .into_iter()
        .map(|r| source[r].to_lowercase())
        .collect();
    source_words.sort();
    source_words.dedup();
    let place = |s: &str, r: &Range<usize>| {
        let mid = s[..(r.start + r.end) / 2].chars().count() as f64;
        mid / s.chars().count().max(1) as f64
    };
    // The first word of a doubling, of a repetition.
    let first = |s: &str, r: &Range<usize>| {
        let ws = words(&s[r.clone()]);
        s[r.start..][ws[0].clone()].to_string()
    };
    for r in reps {
        let p = place(source, &r);
        let x = first(source, &r);
        let verdicts: Vec<Option<bool>> = left
            .iter()
            .map(|d| translates(&x, &first(target, d), &source_words, tm))
            .collect();
        let nearest = |want: Option<bool>| {
            (0..left.len())
                .filter(|&i| verdicts[i] == want)
                .min_by(|&a, &b| {
                    let da = (place(target, &left[a]) - p).abs();
                    let db = (place(target, &left[b]) - p).abs();
                    da.total_cmp(&db)
                })
        };
        if let Some(i) = nearest(Some(true)).or_else(|| nearest(None)) {
            left.remove(i);
        }
        if left.is_empty() {
            break;
        }
    }
    left
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
    tm: &Cooccurrences,
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
        let pairs = quotes_of(lang);
        hits.push(match mixed_styles(target, pairs) {
            // The closing mark is the one to change: the language's own
            // closing mark for the opening one.
            Some((open, close)) => {
                let opening = &target[open];
                let own = opening.chars().next().and_then(|o| {
                    pairs
                        .iter()
                        .find(|(p, _)| *p == o)
                        .and_then(|(_, closes)| closes.chars().next())
                });
                let advice = match own {
                    Some(c) => format!("close it with {c} ({opening}…{c}, as {lang} pairs them)"),
                    None => format!("write one of {lang}'s pairs"),
                };
                Hit::at(
                    "unpaired-quote",
                    format!(
                        "the quotation opens with {opening} and closes with {}, which are two styles: {advice}",
                        &target[close.clone()]
                    ),
                    close,
                )
            }
            None => Hit::at(
                "unpaired-quote",
                format!(
                    "the quotation mark {} has no pair (as {lang} pairs them): close or remove it",
                    &target[r.clone()]
                ),
                r,
            ),
        });
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
    if enabled("doubled-word") {
        for r in unexcused_doublings(source, target, lang, tm) {
            hits.push(Hit::at(
                "doubled-word",
                format!("'{}': a word written twice; remove one", &target[r.clone()]),
                r,
            ));
        }
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
        check(s, sl, t, tl, &|_| true, &|_, _| None, &mut h);
        h.into_iter().map(|h| h.check).collect()
    }

    #[test]
    fn a_quotation_closed_in_another_style() {
        // Every language that opens with „ (and one with no table of its own).
        for lang in ["sq", "sr-Latn", "hr", "de", "mk", "nl"] {
            let pairs = quotes_of(lang);
            let s = "Tha: „Ne nuk do të dorëzohemi.» Fund.";
            let open = s.find('„').unwrap();
            let close = s.find('»').unwrap();
            assert_eq!(
                mixed_styles(s, pairs),
                Some((open..open + 3, close..close + 2)),
                "{lang}"
            );
        }
        let sr = quotes_of("sr-Latn");
        // Paired in one style, or nested in two: nothing mixed.
        assert_eq!(mixed_styles("On je rekao „da“.", sr), None);
        assert_eq!(mixed_styles("„On je rekao »da«.“", sr), None);
        // An unclosed quotation is unpaired, not two styles.
        assert_eq!(mixed_styles("On je rekao „da.", sr), None);
        assert_eq!(mixed_styles("„a »b« c", sr), None);
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
        check(
            en,
            "en",
            "电话是1876年发明的！",
            "zh",
            &|_| true,
            &|_, _| None,
            &mut h,
        );
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

    /// A doubled word, as `check` reports it (the source excuses it when
    /// it repeats a word itself).
    fn doubled(s: &str, sl: &str, t: &str, tl: &str) -> Option<String> {
        let mut h = Vec::new();
        check(s, sl, t, tl, &|c| c == "doubled-word", &|_, _| None, &mut h);
        h.first()
            .and_then(|h| h.span.clone())
            .map(|r| t[r].to_string())
    }

    #[test]
    fn doubled_words_that_are_grammar_are_not_typos() {
        // Words differing in case are two words (Sie = you, sie = it), but a
        // capital a sentence begins with is no difference.
        let de = "Bringen Sie die Leiter und stellen Sie sie hin.";
        assert_eq!(doubled("Bring the ladder.", "en", de, "de"), None);
        assert_eq!(
            doubled("Tom took a sip.", "en", "Tom tom si dal doušek.", "cs"),
            Some("Tom tom".into())
        );
        assert_eq!(
            doubled("It was. A man.", "en", "Es war. Ein ein Mann.", "de"),
            Some("Ein ein".into())
        );
        assert_eq!(
            doubled("Tom talked.", "en", "Že o tom Tom mluvil.", "cs"),
            None
        );
        // A word joined by a hyphen or an apostrophe is one word.
        assert_eq!(
            doubled(
                "I knew something was wrong.",
                "en",
                "Я знал, что что-то не так.",
                "ru"
            ),
            None
        );
        assert_eq!(
            doubled("Is that it?", "en", "Est-ce ce que tu veux ?", "fr"),
            None
        );
        // Function words a language's grammar doubles.
        for (t, tl) in [
            ("Vous vous souvenez ?", "fr"),
            ("Nous nous en occupons.", "fr"),
            ("Es ist die Liebe, die die Welt regiert.", "de"),
            ("Warum habt ihr ihr meine Adresse gegeben?", "de"),
            ("Herinner je je de dag nog?", "nl"),
            ("Nikdo se se mnou nesešel.", "cs"),
        ] {
            assert_eq!(doubled("Do you?", "en", t, tl), None, "{t}");
        }
        // Languages that reduplicate words (tr sık sık = often, he סוף סוף = finally).
        for (t, tl) in [
            ("Sık sık plaja gidiyorum.", "tr"),
            ("Ken'den yavaş yavaş hoşlanıyorum.", "tr"),
            ("שמעת שהוא סוף סוף חזר?", "he"),
        ] {
            assert_eq!(doubled("I often go.", "en", t, tl), None, "{t}");
        }
        // The source repeats a word, also with a comma between (very, very).
        assert_eq!(
            doubled(
                "It was a very, very hot night.",
                "en",
                "C'était une nuit très très chaude.",
                "fr"
            ),
            None
        );
        // A repetition of the source excuses one doubling, not every one:
        // the doubling nearest to it is excused, the others are typos.
        assert_eq!(
            doubled(
                "He walked very, very slowly.",
                "en",
                "Er ging sehr sehr langsam langsam.",
                "de"
            ),
            Some("langsam langsam".into())
        );
        assert_eq!(
            doubled(
                "He walked slowly, very, very slowly.",
                "en",
                "Er ging zu zu langsam, sehr sehr langsam.",
                "de"
            ),
            Some("zu zu".into())
        );
        // A word written three times is one doubling.
        let mut h = Vec::new();
        check(
            "I eat.",
            "en",
            "Como como como.",
            "es",
            &|c| c == "doubled-word",
            &|_, _| None,
            &mut h,
        );
        assert_eq!(h.len(), 1, "{h:?}");
        // Typos are still typos.
        for (t, tl) in [
            ("Zapomněl jsem si peněženku na na stolku.", "cs"),
            ("Io cercai di di cambiare argomento.", "it"),
            ("Wil je een een paraplu?", "nl"),
            ("Не не відповів на моє запитання.", "uk"),
            ("C'était une nuit très très chaude.", "fr"),
        ] {
            assert!(doubled("It was.", "en", t, tl).is_some(), "{t}");
        }
    }

    /// The [`Cooccurrence`] counts of a TM of `units` (word sets, as the
    /// store matches words).
    fn counts_in(units: &[(&str, &str)], y: &str, source_words: &[String]) -> Cooccurrence {
        let set = |s: &str| -> Vec<String> {
            words(s)
                .into_iter()
                .map(|r| crate::text::fold(&s[r]))
                .collect()
        };
        let units: Vec<(Vec<String>, Vec<String>)> =
            units.iter().map(|(s, t)| (set(s), set(t))).collect();
        let y = crate::text::fold(y);
        let has_y = |u: &(Vec<String>, Vec<String>)| u.1.contains(&y);
        Cooccurrence {
            target: units.iter().filter(|u| has_y(u)).count() as u64,
            source: source_words
                .iter()
                .map(|w| {
                    let w = crate::text::fold(w);
                    let with_w = units.iter().filter(|u| u.0.contains(&w));
                    let n = with_w.clone().count() as u64;
                    (n, with_w.filter(|u| has_y(u)).count() as u64)
                })
                .collect(),
        }
    }

    #[test]
    fn a_repetition_excuses_only_a_word_that_can_translate_it() {
        // Real Tatoeba pairs: what the TM knows of langsam and sehr.
        let tm_units = [
            ("Drink slowly.", "Trink langsam!"),
            ("My mother speaks slowly.", "Meine Mutter spricht langsam."),
            ("Speak slowly.", "Sprich langsam."),
            ("The traffic was slow.", "Der Verkehr war langsam."),
            ("Be very careful.", "Seien Sie sehr vorsichtig!"),
            ("Tsunamis are very rare.", "Tsunamis sind sehr selten."),
            ("He has very short hair.", "Er hat sehr kurze Haare."),
        ];
        let tm = |y: &str, ws: &[String]| Some(counts_in(&tm_units, y, ws));
        let none = |_: &str, _: &[String]| None;
        let found = |s: &str, t: &str, tm: &Cooccurrences| -> Vec<String> {
            unexcused_doublings(s, t, "de", tm)
                .into_iter()
                .map(|r| t[r].to_string())
                .collect()
        };
        let src = "It was very, very slow.";
        // langsam keeps company with slow: not the translation of very.
        assert_eq!(
            found(src, "Es war sehr langsam langsam.", &tm),
            ["langsam langsam"]
        );
        assert!(found(src, "Es war sehr sehr langsam.", &tm).is_empty());
        // Of two doublings, the one that translates very is excused, wherever it is.
        assert_eq!(
            found(src, "Es war langsam langsam, sehr sehr.", &tm),
            ["langsam langsam"]
        );
        // With no TM to ask, the nearest doubling is excused (nothing tells).
        assert!(found(src, "Es war sehr langsam langsam.", &none).is_empty());
        // A word the TM has too little of tells nothing either.
        assert!(found(src, "Es war sehr träge träge.", &tm).is_empty());
        // Without a TM: a word like the repeated one (a name, a cognate)
        // translates it; a word like another word of the source does not.
        let romeo = "O Romeo, Romeo, wherefore art thou?";
        assert!(found(romeo, "Ô Roméo Roméo, pourquoi es-tu ?", &none).is_empty());
        assert_eq!(
            found(
                "It was very, very good, Tom.",
                "Es war sehr gut, Tom Tom.",
                &none
            ),
            ["Tom Tom"]
        );
        assert!(found("You must not, not go.", "No debes no no ir.", &none).is_empty());
    }

    #[test]
    fn the_tm_shows_a_translation_by_the_company_a_word_keeps() {
        let c = |target, source: &[(u64, u64)]| Cooccurrence {
            target,
            source: source.to_vec(),
        };
        // very (40 units, 30 with the word), slow (10, 0), it (500, 20).
        let sehr = c(35, &[(40, 30), (10, 0), (500, 20)]);
        assert_eq!(tm_translates(0, &sehr), Some(true));
        assert_eq!(tm_translates(1, &sehr), Some(false));
        // A frequent word shares many units with everything, but keeps
        // company with none in particular.
        assert_eq!(tm_translates(2, &sehr), Some(false));
        let langsam = c(12, &[(40, 0), (10, 9), (500, 3)]);
        assert_eq!(tm_translates(0, &langsam), Some(false));
        // Seen in fewer than three other units: too little to tell.
        assert_eq!(tm_translates(0, &c(2, &[(40, 2)])), None);
        // Never with the source word: not its translation.
        assert_eq!(tm_translates(0, &c(5, &[(40, 0)])), Some(false));
    }

    #[test]
    fn akin_words_share_most_of_a_beginning() {
        for (a, b) in [
            ("Romeo", "Roméo"),
            ("not", "no"),
            ("mata", "mata"),
            ("Москва", "Moskva"),
        ] {
            assert!(akin(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("very", "sehr"),
            ("long", "langsam"),
            ("a", "a"),
            ("den", "dennoch"),
        ] {
            assert!(!akin(a, b), "{a} {b}");
        }
    }

    #[test]
    fn allowed_doubles_hold_in_both_serbian_scripts() {
        assert_eq!(
            doubled_words("spremao da da ostavku", "sr-Latn")
                .first()
                .cloned(),
            None
        );
        assert_eq!(
            doubled_words("спремао да да оставку", "sr-Cyrl")
                .first()
                .cloned(),
            None
        );
        assert_eq!(
            doubled_words("То је је рекао", "sr-Cyrl").first().cloned(),
            None
        );
        assert!(
            doubled_words("отишао кући кући", "sr-Cyrl")
                .first()
                .cloned()
                .is_some()
        );
    }
}
