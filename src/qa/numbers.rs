//! Numbers and dates: every number of the source is in the target by value
//! under each language's conventions (en 4,500.5 = sq/sr 4.500,5; 1 000),
//! month names match (September 24 = 24 shtator = 24. septembar; June = jun
//! = lipanj = Juni = juin), and the
//! target has no number the source lacks. Conventions, number words and
//! month names are data: `data/numbers.txt`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use super::Hit;

/// One language's conventions and words (folded forms).
#[derive(Debug, Default)]
pub struct LangTable {
    pub decimal: char,
    /// Thousands separators; ' ' stands for any space.
    pub thousands: Vec<char>,
    /// Folded word → values it stands for.
    pub words: HashMap<String, Vec<String>>,
    /// Folded word → month number.
    pub months: HashMap<String, u8>,
    /// Month forms that count in a source only next to a number (en "May").
    pub month_needs_number: HashSet<String>,
    /// Months are written in lower case: a capitalised form is a name
    /// (Maja, Jun) unless a number is next to it.
    pub month_lowercase: bool,
    /// Months begin compound words (de Oktoberhälfte).
    pub month_compounds: bool,
    /// Units translators convert from, and to (folded).
    pub imperial: HashSet<String>,
    pub metric: HashSet<String>,
}

fn tables() -> &'static HashMap<String, LangTable> {
    static T: OnceLock<HashMap<String, LangTable>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t: HashMap<String, LangTable> = HashMap::new();
        // Resolved once every line is read: (lang, month, stem), (lang, others).
        let mut stems: Vec<(String, u8, String)> = Vec::new();
        let mut endings: HashMap<String, Vec<String>> = HashMap::new();
        let mut like: Vec<(String, Vec<String>)> = Vec::new();
        for line in include_str!("data/numbers.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split_whitespace().collect();
            let (kind, lang, rest) = (f[0], f[1], &f[2..]);
            let e = t.entry(lang.to_string()).or_default();
            match kind {
                "separators" => {
                    e.decimal = rest[0].chars().next().unwrap_or('.');
                    e.thousands = rest[1..]
                        .iter()
                        .map(|s| {
                            if *s == "space" {
                                ' '
                            } else {
                                s.chars().next().unwrap_or(',')
                            }
                        })
                        .collect();
                }
                "word" => {
                    for w in &rest[1..] {
                        e.words
                            .entry(w.to_string())
                            .or_default()
                            .push(rest[0].to_string());
                    }
                }
                "month" => {
                    let n: u8 = rest[0].parse().expect("month number in numbers.txt");
                    for w in &rest[1..] {
                        match w.strip_suffix('-') {
                            Some(stem) => stems.push((lang.to_string(), n, stem.to_string())),
                            None => {
                                e.months.insert(w.to_string(), n);
                            }
                        }
                    }
                }
                "month-endings" => {
                    endings.insert(
                        lang.to_string(),
                        rest.iter().map(|s| s.to_string()).collect(),
                    );
                }
                "month-needs-number" => {
                    e.month_needs_number
                        .extend(rest.iter().map(|s| s.to_string()));
                }
                "month-lowercase" => e.month_lowercase = true,
                "month-compounds" => e.month_compounds = true,
                "month-like" => like.push((
                    lang.to_string(),
                    rest.iter().map(|s| s.to_string()).collect(),
                )),
                "imperial" => e.imperial.extend(rest.iter().map(|s| s.to_string())),
                "metric" => e.metric.extend(rest.iter().map(|s| s.to_string())),
                other => panic!("numbers.txt: unknown line kind {other}"),
            }
        }
        for (lang, n, stem) in stems {
            let ends = endings
                .get(&lang)
                .unwrap_or_else(|| panic!("numbers.txt: {stem}- needs month-endings {lang}"));
            let e = t.entry(lang).or_default();
            for end in ends {
                e.months.insert(format!("{stem}{end}"), n);
            }
        }
        for (lang, others) in like {
            for other in others {
                let (months, needs, lower) = {
                    let o = &t[&other];
                    (
                        o.months.clone(),
                        o.month_needs_number.clone(),
                        o.month_lowercase,
                    )
                };
                let e = t.entry(lang.clone()).or_default();
                e.months.extend(months);
                e.month_needs_number.extend(needs);
                e.month_lowercase |= lower;
            }
        }
        t
    })
}

/// The table of a language (by primary subtag), else the default.
pub fn table(lang: &str) -> &'static LangTable {
    let t = tables();
    t.get(crate::lang::primary(lang))
        .filter(|x| x.decimal != '\0')
        .or_else(|| t.get("*"))
        .expect("numbers.txt has a * line")
}

/// Word list of a language, if it has one (the default line has none).
fn lang_words(lang: &str) -> Option<&'static LangTable> {
    tables().get(crate::lang::primary(lang))
}

fn is_space_sep(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Byte ranges of the numbers in `s`: digits with separators between digit
/// groups (`4,500.5`, `4.500,5`, `1 000`).
pub fn tokens(s: &str) -> Vec<Range<usize>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        loop {
            // A separator followed by a digit continues the number; a space
            // only before a group of exactly three digits.
            let rest = &s[i..];
            let Some(c) = rest.chars().next() else { break };
            let clen = c.len_utf8();
            let after = &b[i + clen.min(b.len() - i)..];
            let digits = after.iter().take_while(|d| d.is_ascii_digit()).count();
            let ok = match c {
                ',' | '.' | '\'' => digits > 0,
                c if is_space_sep(c) => digits == 3,
                _ => false,
            };
            if !ok {
                break;
            }
            i += clen + digits;
        }
        // {0} and %1$s are placeholders, not numbers (their own check).
        if start > 0 && matches!(b[start - 1], b'{' | b'%') {
            continue;
        }
        out.push(start..i);
    }
    out
}

/// The value of a number token under a convention, as a canonical string
/// (`4500.5`), or None if the token is not well formed under it.
pub fn value(tok: &str, t: &LangTable) -> Option<String> {
    let mut groups: Vec<&str> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut start = 0;
    for (i, c) in tok.char_indices() {
        if !c.is_ascii_digit() {
            groups.push(&tok[start..i]);
            seps.push(if is_space_sep(c) { ' ' } else { c });
            start = i + c.len_utf8();
        }
    }
    groups.push(&tok[start..]);
    let dec = seps.iter().position(|&c| c == t.decimal);
    if let Some(d) = dec
        && d + 1 != seps.len()
    {
        return None;
    }
    let thousand_seps = &seps[..dec.unwrap_or(seps.len())];
    if let Some(&first) = thousand_seps.first() {
        if !t.thousands.contains(&first) || thousand_seps.iter().any(|&c| c != first) {
            return None;
        }
        if groups[0].len() > 3 || groups[1..=thousand_seps.len()].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    let int: String = groups[..=thousand_seps.len()].concat();
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = match dec {
        Some(_) => groups.last().copied().unwrap_or("").trim_end_matches('0'),
        None => "",
    };
    Some(if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    })
}

/// The values a token may stand for: its value under `t`, else its digit
/// groups one by one (`10:30`, `10.30` read as a time).
fn values(tok: &str, t: &LangTable) -> Vec<String> {
    match value(tok, t) {
        Some(v) => vec![v],
        None => groups(tok),
    }
}

/// Write a canonical value with a language's separators (`4500.5` → `4.500,5`).
pub fn render(v: &str, t: &LangTable, group: bool) -> String {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let mut out = String::new();
    let sep = t
        .thousands
        .iter()
        .find(|c| **c != ' ')
        .copied()
        .unwrap_or('.');
    for (i, c) in int.chars().enumerate() {
        if group && i > 0 && (int.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(t.decimal);
        out.push_str(frac);
    }
    out
}

/// The folded word right after a number token (`45 miles`, `137 km/h`, `5-mile`).
fn unit_after(text: &str, r: &Range<usize>) -> Option<String> {
    let mut rest = &text[r.end..];
    // A range: 1 to 4 inches, 2-3 miles, od 2,5 do 10 cm, 5 deri në 10 km.
    const JOINERS: &[&str] = &[
        " to ",
        "-",
        "–",
        " - ",
        " – ",
        " and ",
        " or ",
        " do ",
        " i ",
        " ili ",
        " deri në ",
        " deri ",
        " dhe ",
        " ose ",
    ];
    for joiner in JOINERS {
        if let Some(after) = rest.strip_prefix(joiner)
            && after.starts_with(|c: char| c.is_ascii_digit())
        {
            rest = after.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
            break;
        }
    }
    let rest = rest.trim_start_matches([' ', '\u{a0}', '-', '°']);
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '/'))
        .unwrap_or(rest.len());
    (end > 0).then(|| crate::text::fold(&rest[..end]))
}

fn is_unit(set: &HashSet<String>, w: Option<String>) -> bool {
    w.is_some_and(|w| set.contains(&w) || set.contains(w.trim_end_matches('s')))
}

/// Every metric unit word, whatever the language.
fn metric() -> &'static HashSet<String> {
    &tables().get("*").expect("numbers.txt has a * line").metric
}

/// Digit groups of a token (`5.30` → 5, 30), leading zeros dropped.
fn groups(tok: &str) -> Vec<String> {
    tok.split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(|g| {
            let g = g.trim_start_matches('0');
            if g.is_empty() { "0" } else { g }.to_string()
        })
        .collect()
}

const SCALES: &[&str] = &["1000", "1000000", "1000000000"];

/// Numbers spelled out in `text` (folded words of the language's table).
fn word_values(text: &str, lang: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let Some(t) = lang_words(lang) else {
        return out;
    };
    if t.words.is_empty() {
        return out;
    }
    for w in crate::text::words(text) {
        if w.as_bytes()[0].is_ascii_digit() {
            continue;
        }
        if let Some(vs) = t.words.get(&crate::text::fold(w)) {
            out.extend(vs.iter().cloned());
        }
    }
    out
}

/// `v` divided by `scale` when it divides evenly (5000 / 1000 = 5).
fn scaled(v: &str, scale: &str) -> Option<String> {
    if v.contains('.') || v.len() < scale.len() {
        return None;
    }
    let zeros = scale.len() - 1;
    let (head, tail) = v.split_at(v.len() - zeros);
    if tail.bytes().all(|b| b == b'0') {
        return Some(head.to_string());
    }
    // 2500000 = 2.5 million
    let frac = tail.trim_end_matches('0');
    Some(format!("{head}.{frac}"))
}

/// True if an ASCII word of `text` that starts with a capital is a month form.
fn has_capitalised_candidate(text: &str, t: &LangTable) -> bool {
    let b = text.as_bytes();
    let mut buf = [0u8; 9];
    let mut i = 0;
    while i < b.len() {
        let at_start = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if at_start && b[i].is_ascii_uppercase() {
            let n = b[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            if (3..=9).contains(&n) {
                for k in 0..n {
                    buf[k] = b[i + k].to_ascii_lowercase();
                }
                if std::str::from_utf8(&buf[..n]).is_ok_and(|w| t.months.contains_key(w)) {
                    return true;
                }
            }
            i += n.max(1);
        } else {
            i += 1;
        }
    }
    false
}

/// The month a folded word names, and whether that form needs a number
/// to be one in a source: the word itself, a part of it at an apostrophe
/// (fr d'octobre, en June's), or, in a target of a language that writes
/// months into compounds, its start (de Oktoberhälfte).
fn month_of(t: &LangTable, f: &str, role: Role) -> Option<(u8, bool)> {
    let form = |w: &str| {
        t.months
            .get(w)
            .map(|&m| (m, t.month_needs_number.contains(w)))
    };
    if let Some(found) = form(f) {
        return Some(found);
    }
    if f.contains(['\'', '’']) {
        return f.split(['\'', '’']).find_map(form);
    }
    if role == Role::Target && t.month_compounds {
        return t
            .months
            .iter()
            .find(|(w, _)| {
                w.len() >= 4 && !t.month_needs_number.contains(*w) && f.starts_with(w.as_str())
            })
            .map(|(_, &m)| (m, false));
    }
    None
}

/// Who names a month: a source names it only when it surely does (May the
/// month, not the verb; not Maja the name), so that a check never asks a
/// target for a month its source does not name; a target names it by any of
/// its forms (Bio je jun. for It was June.).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Source,
    Target,
}

/// Months named in `text` (numbers 1–12), read as `role` reads them.
pub fn months(text: &str, lang: &str, role: Role) -> HashSet<u8> {
    let mut out = HashSet::new();
    let Some(t) = lang_words(lang) else {
        return out;
    };
    if t.months.is_empty() {
        return out;
    }
    let english = crate::lang::primary(lang) == "en";
    // English months are capitalised, three to nine letters: look only at
    // such words before splitting the text into words.
    if english && !has_capitalised_candidate(text, t) {
        return out;
    }
    let ws = crate::text::words(text);
    let is_num = |i: Option<&&str>| i.is_some_and(|w| w.as_bytes()[0].is_ascii_digit());
    let mut buf = String::new();
    for (i, w) in ws.iter().enumerate() {
        let first = w.chars().next().unwrap_or(' ');
        if first.is_ascii_digit() || w.len() < 3 || (english && !first.is_uppercase()) {
            continue;
        }
        let f: &str = if w.is_ascii() {
            buf.clear();
            buf.extend(w.chars().map(|c| c.to_ascii_lowercase()));
            &buf
        } else {
            buf = crate::text::fold(w);
            &buf
        };
        let Some((m, needs_number)) = month_of(t, f, role) else {
            continue;
        };
        let maybe_other_word = needs_number || (t.month_lowercase && first.is_uppercase());
        if role == Role::Source
            && maybe_other_word
            && !is_num(i.checked_sub(1).and_then(|p| ws.get(p)))
            && !is_num(ws.get(i + 1))
        {
            continue;
        }
        out.insert(m);
    }
    out
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Run the numbers checks on one pair.
pub fn check(
    source: &str,
    src_lang: &str,
    target: &str,
    lang: &str,
    enabled: &dyn Fn(&str) -> bool,
    hits: &mut Vec<Hit>,
) {
    let st = table(src_lang);
    let tt = table(lang);
    let src_toks = tokens(source);
    let tgt_toks = tokens(target);
    if (!src_toks.is_empty() || !tgt_toks.is_empty())
        && (enabled("number-missing") || enabled("number-extra") || enabled("number-format"))
        && !same_plain_numbers(source, &src_toks, target, &tgt_toks)
    {
        numbers(
            source, src_lang, target, lang, st, tt, &src_toks, &tgt_toks, enabled, hits,
        );
    }
    if enabled("date-month") {
        let sm = months(source, src_lang, Role::Source);
        if !sm.is_empty() && lang_words(lang).is_some_and(|t| !t.months.is_empty()) {
            let tm = months(target, lang, Role::Target);
            let mut missing: Vec<u8> = sm.difference(&tm).copied().collect();
            missing.sort();
            for m in missing {
                hits.push(Hit::new(
                    "date-month",
                    format!(
                        "the source names {} (month {m}) but the target does not: check the date",
                        MONTH_NAMES[m as usize - 1]
                    ),
                ));
            }
        }
    }
}

/// The common case, decided without parsing: both sides have the same
/// numbers written the same way, without separators (2018, 37).
fn same_plain_numbers(
    source: &str,
    src_toks: &[Range<usize>],
    target: &str,
    tgt_toks: &[Range<usize>],
) -> bool {
    if src_toks.len() != tgt_toks.len() {
        return false;
    }
    let plain = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let mut a: Vec<&str> = src_toks.iter().map(|r| &source[r.clone()]).collect();
    let mut b: Vec<&str> = tgt_toks.iter().map(|r| &target[r.clone()]).collect();
    if !a.iter().chain(&b).all(|t| plain(t)) {
        return false;
    }
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

#[allow(clippy::too_many_arguments)]
fn numbers(
    source: &str,
    src_lang: &str,
    target: &str,
    lang: &str,
    st: &LangTable,
    tt: &LangTable,
    src_toks: &[Range<usize>],
    tgt_toks: &[Range<usize>],
    enabled: &dyn Fn(&str) -> bool,
    hits: &mut Vec<Hit>,
) {
    // Target values under the target's convention, and under the source's
    // (a translator who kept 4,500.5): (value, token index).
    let mut tgt_own: HashMap<String, usize> = HashMap::new();
    let mut tgt_src_conv: HashMap<String, usize> = HashMap::new();
    for (i, r) in tgt_toks.iter().enumerate() {
        let tok = &target[r.clone()];
        for v in values(tok, tt) {
            tgt_own.entry(v).or_insert(i);
        }
        if let Some(v) = value(tok, st) {
            tgt_src_conv.entry(v).or_insert(i);
        }
    }
    let tgt_groups: HashSet<String> = tgt_toks
        .iter()
        .flat_map(|r| groups(&target[r.clone()]))
        .collect();
    // Spelled-out numbers are looked for only when a digit is not found.
    let tgt_words = std::cell::OnceCell::new();
    let tgt_words = || tgt_words.get_or_init(|| word_values(target, lang));
    let has_tgt = |v: &str| tgt_own.contains_key(v) || tgt_words().contains(v);
    let mut src_all: HashSet<String> = HashSet::new();
    let mut converted = false;
    for r in src_toks {
        let tok = &source[r.clone()];
        src_all.extend(groups(tok));
        // 45 miles → 72 km: the translator converted the unit.
        if is_unit(&st.imperial, unit_after(source, r)) {
            converted = true;
            src_all.extend(values(tok, st));
            continue;
        }
        for v in values(tok, st) {
            src_all.insert(v.clone());
            if has_tgt(&v) {
                continue;
            }
            if let Some(&i) = tgt_src_conv.get(&v) {
                let written = &target[tgt_toks[i].clone()];
                let own = render(&v, tt, written.len() > 4);
                if own != written && enabled("number-format") {
                    hits.push(Hit::at(
                        "number-format",
                        format!(
                            "{written} is written with {src_lang} separators; in {lang} write {own}"
                        ),
                        tgt_toks[i].clone(),
                    ));
                }
                continue;
            }
            // 5.30pm → 5:30; 116 123 → 116-123
            let gs = groups(tok);
            if gs.len() > 1 && gs.iter().all(|g| tgt_groups.contains(g)) {
                continue;
            }
            // 5,000 = 5 hiljada; 2,500,000 = 2,5 miliona
            if SCALES.iter().any(|s| {
                tgt_words().contains(*s) && scaled(&v, s).is_some_and(|x| tgt_own.contains_key(&x))
            }) {
                continue;
            }
            if enabled("number-missing") {
                hits.push(Hit::new(
                    "number-missing",
                    format!(
                        "the source number {tok} is not in the target: write it as {}",
                        render(&v, tt, tok.len() > 4)
                    ),
                ));
            }
        }
    }
    if !enabled("number-extra") {
        return;
    }
    let src_words = std::cell::OnceCell::new();
    let src_words = || src_words.get_or_init(|| word_values(source, src_lang));
    for r in tgt_toks {
        let tok = &target[r.clone()];
        let vs = values(tok, tt);
        let explained = |v: &String| {
            src_all.contains(v)
                || src_words().contains(v)
                || value(tok, st).is_some_and(|x| src_all.contains(&x))
                || SCALES.iter().any(|s| {
                    src_all
                        .iter()
                        .any(|x| scaled(x, s).is_some_and(|y| y == *v))
                })
        };
        if vs.iter().all(explained) || (converted && is_unit(metric(), unit_after(target, r))) {
            continue;
        }
        hits.push(Hit::at(
            "number-extra",
            format!("the target has {tok}, which the source does not: check it"),
            r.clone(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str, sl: &str, tgt: &str, tl: &str) -> Vec<(&'static str, String)> {
        let mut hits = Vec::new();
        check(src, sl, tgt, tl, &|_| true, &mut hits);
        hits.into_iter().map(|h| (h.check, h.message)).collect()
    }

    #[test]
    fn values_under_conventions() {
        let en = table("en");
        let sq = table("sq");
        assert_eq!(value("4,500.5", en).as_deref(), Some("4500.5"));
        assert_eq!(value("4.500,5", sq).as_deref(), Some("4500.5"));
        assert_eq!(value("1 000", sq).as_deref(), Some("1000"));
        assert_eq!(value("4.500,5", en), None);
        assert_eq!(value("1.50", en).as_deref(), Some("1.5"));
        assert_eq!(render("4500.5", sq, true), "4.500,5");
        let s = "from 4,500.5 to 1 000 on 10:30";
        let t: Vec<&str> = tokens(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(t, ["4,500.5", "1 000", "10", "30"]);
        let s = "in 2019, 2020 and 3 000 000";
        let t: Vec<&str> = tokens(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(t, ["2019", "2020", "3 000 000"]);
    }

    #[test]
    fn numbers_match_by_value() {
        assert!(
            run(
                "It cost 4,500.5 euros.",
                "en",
                "Kushtoi 4.500,5 euro.",
                "sq"
            )
            .is_empty()
        );
        assert!(
            run(
                "It cost 4,500 euros.",
                "en",
                "Koštalo je 4 500 evra.",
                "sr-Latn"
            )
            .is_empty()
        );
        assert!(
            run(
                "Two of 5,000 soldiers.",
                "en",
                "Dva od 5 hiljada vojnika.",
                "sr-Latn"
            )
            .is_empty()
        );
        assert!(
            run(
                "He left on September 24.",
                "en",
                "Ai u largua më 24 shtator.",
                "sq"
            )
            .is_empty()
        );
        assert!(
            run(
                "He left on September 24.",
                "en",
                "Отишао је 24. септембра.",
                "sr-Cyrl"
            )
            .is_empty()
        );
        assert!(run("Three men.", "en", "3 burra.", "sq").is_empty());
        assert!(run("It is 45 miles away.", "en", "Udaljen je 72 km.", "sr-Latn").is_empty());
        assert!(
            run(
                "Rain of 1 to 4 inches.",
                "en",
                "Kiša od 2,5 do 10 cm.",
                "sr-Latn"
            )
            .is_empty()
        );
        assert!(run("Open at 5.30pm.", "en", "Hapur në orën 5:30.", "sq").is_empty());
        let h = run("It cost 4,500.5 euros.", "en", "Kushtoi 4.500 euro.", "sq");
        assert_eq!(h.len(), 2, "{h:?}");
        assert_eq!(h[0].0, "number-missing");
        assert!(h[0].1.contains("4.500,5"), "{h:?}");
        assert_eq!(h[1].0, "number-extra");
        let h = run("On September 24.", "en", "Më 24 tetor.", "sq");
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].0, "date-month");
        let h = run(
            "It cost 4,500.5 euros.",
            "en",
            "Kushtoi 4,500.5 euro.",
            "sq",
        );
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].0, "number-format");
    }

    #[test]
    fn may_the_verb_is_no_month() {
        assert!(months("It may rain in May 2020.", "en", Role::Source).contains(&5));
        assert!(months("They may come.", "en", Role::Source).is_empty());
    }

    /// A target names a month by any of its forms, with or without a day:
    /// forms that need a number are a source's concern (is it a month at all?).
    #[test]
    fn a_month_without_a_day_is_named() {
        for (src, tgt, lang) in [
            ("It was June.", "Bio je jun.", "sr-Latn"),
            ("It was July.", "Био је јул.", "sr-Cyrl"),
            ("It was May.", "Bio je maj.", "sr-Latn"),
            ("It was March.", "Bio je mart.", "sr-Latn"),
            (
                "The months with the most rain are May, June, July and August.",
                "Meseci sa najviše kiše su maj, jun, jul i avgust.",
                "sr-Latn",
            ),
            (
                "It did not open until March 2017.",
                "Nuk u hap deri në mars të vitit 2017.",
                "sq",
            ),
            ("It snowed in February.", "Ra borë në shkurt.", "sq"),
            (
                "Republicans facing November elections.",
                "U susret novembarskim izborima.",
                "sr-Latn",
            ),
            ("In June and July.", "U lipnju i srpnju.", "hr"),
            ("It was June.", "Bio je lipanj.", "hr"),
            ("It was June.", "Bio je juni.", "bs"),
            ("It was June.", "Bio je lipanj.", "bs"),
            ("It was May.", "Es war Mai.", "de"),
            ("It was March.", "Es war März.", "de"),
            ("It was March.", "C'était en mars.", "fr"),
            ("It was August.", "C'était en août.", "fr"),
            ("Until October.", "Jusqu’au mois d’octobre.", "fr"),
            ("From October to April.", "D'octobre à avril.", "fr"),
            (
                "In the first half of October.",
                "In der ersten Oktoberhälfte.",
                "de",
            ),
            (
                "A warm start to October.",
                "Ein warmer Oktoberanfang.",
                "de",
            ),
        ] {
            let h = run(src, "en", tgt, lang);
            assert!(h.is_empty(), "{lang} {tgt}: {h:?}");
        }
        // The wrong month is still found.
        let h = run("It was June.", "en", "Bio je jul.", "sr-Latn");
        assert_eq!(h.len(), 1, "{h:?}");
        assert!(h[0].1.contains("June (month 6)"), "{h:?}");
        let h = run("It was June.", "en", "Bio je srpanj.", "hr");
        assert_eq!(h.len(), 1, "{h:?}");
    }

    /// Every month of every language with month names, by its nominative
    /// and in a date (the genitive of Serbian and Croatian dates).
    #[test]
    fn every_month_of_every_language() {
        let cases: &[(&str, [&str; 12])] = &[
            (
                "sr-Latn",
                [
                    "januar",
                    "februar",
                    "mart",
                    "april",
                    "maj",
                    "jun",
                    "jul",
                    "avgust",
                    "septembar",
                    "oktobar",
                    "novembar",
                    "decembar",
                ],
            ),
            (
                "sr-Latn",
                [
                    "1. januara",
                    "1. februara",
                    "1. marta",
                    "1. aprila",
                    "1. maja",
                    "1. juna",
                    "1. jula",
                    "1. avgusta",
                    "1. septembra",
                    "1. oktobra",
                    "1. novembra",
                    "1. decembra",
                ],
            ),
            (
                "sr-Cyrl",
                [
                    "јануар",
                    "фебруар",
                    "март",
                    "април",
                    "мај",
                    "јун",
                    "јул",
                    "август",
                    "септембар",
                    "октобар",
                    "новембар",
                    "децембар",
                ],
            ),
            (
                "hr",
                [
                    "siječanj",
                    "veljača",
                    "ožujak",
                    "travanj",
                    "svibanj",
                    "lipanj",
                    "srpanj",
                    "kolovoz",
                    "rujan",
                    "listopad",
                    "studeni",
                    "prosinac",
                ],
            ),
            (
                "hr",
                [
                    "1. siječnja",
                    "1. veljače",
                    "1. ožujka",
                    "1. travnja",
                    "1. svibnja",
                    "1. lipnja",
                    "1. srpnja",
                    "1. kolovoza",
                    "1. rujna",
                    "1. listopada",
                    "1. studenoga",
                    "1. prosinca",
                ],
            ),
            (
                "bs",
                [
                    "januar",
                    "februar",
                    "mart",
                    "april",
                    "maj",
                    "juni",
                    "juli",
                    "august",
                    "septembar",
                    "oktobar",
                    "novembar",
                    "decembar",
                ],
            ),
            (
                "sq",
                [
                    "janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht",
                    "shtator", "tetor", "nëntor", "dhjetor",
                ],
            ),
            (
                "de",
                [
                    "Januar",
                    "Februar",
                    "März",
                    "April",
                    "Mai",
                    "Juni",
                    "Juli",
                    "August",
                    "September",
                    "Oktober",
                    "November",
                    "Dezember",
                ],
            ),
            (
                "fr",
                [
                    "janvier",
                    "février",
                    "mars",
                    "avril",
                    "mai",
                    "juin",
                    "juillet",
                    "août",
                    "septembre",
                    "octobre",
                    "novembre",
                    "décembre",
                ],
            ),
        ];
        for (lang, forms) in cases {
            for (i, form) in forms.iter().enumerate() {
                let m = i as u8 + 1;
                let text = format!("Bilo je to {form} ove godine.");
                let found = months(&text, lang, Role::Target);
                assert_eq!(found, HashSet::from([m]), "{lang} {form}");
                // With a day, a source names it too.
                let text = format!("24 {form} 2019");
                assert_eq!(
                    months(&text, lang, Role::Source),
                    HashSet::from([m]),
                    "{lang} {form}"
                );
            }
        }
    }

    /// A source's month must surely be one: names (Maja, Jun, Mart) and
    /// other words (sq shkurt "short", hr studeni "cold", de Mais "maize",
    /// the planet Mars) count only next to a number.
    #[test]
    fn names_and_other_words_are_no_months_in_a_source() {
        for (text, lang) in [
            ("Maja je došla kući.", "sr-Latn"),
            ("Glumica Jun Ji-hyun je stigla.", "sr-Latn"),
            ("Премијер Март Лар је рекао.", "sr-Cyrl"),
            ("Ai foli shkurt.", "sq"),
            ("Puhao je studeni vjetar.", "hr"),
            ("Der Mais wächst.", "de"),
            ("La sonde a atteint Mars.", "fr"),
            ("August Strindberg schrieb.", "de"),
        ] {
            assert!(months(text, lang, Role::Source).is_empty(), "{lang} {text}");
        }
        for (text, lang, m) in [
            ("Bio je jun.", "sr-Latn", 6),
            ("Maja 2019. je padala kiša.", "sr-Latn", 5),
            ("Ra borë më 3 shkurt.", "sq", 2),
            ("Početkom lipnja.", "hr", 6),
            ("Im Mai.", "de", 5),
            ("En mars.", "fr", 3),
        ] {
            assert_eq!(
                months(text, lang, Role::Source),
                HashSet::from([m]),
                "{lang} {text}"
            );
        }
    }
}
