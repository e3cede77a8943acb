//! Numbers and dates: every number of the source is in the target by value
//! under each language's conventions (en 4,500.5 = sq/sr 4.500,5; 1 000),
//! a clock time as one value (8:00 = 8, 8:30 = sr 8.30, 3 p.m. = 15:00),
//! month names match (September 24 = 24 shtator = 24. septembar; June = jun
//! = lipanj = Juni = juin), and the target has no number the source lacks.
//! Conventions, number words, month names and clock styles are data:
//! `data/numbers.txt`.

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
    /// The thousands separator advice writes (the first listed): `.`, a
    /// space, U+00A0 or U+202F.
    pub group: char,
    /// Words after which a number is a version (the `*` table holds them).
    pub version_words: Vec<String>,
    /// Words (whole, folded) after which a number with one dot is a version
    /// (release 1.5, build 4.2).
    pub version_names: Vec<String>,
    /// Names that are no products: currency codes (EUR 2.50).
    pub currencies: HashSet<String>,
    /// Words after which a number is a quantity, never a version (1.5 million).
    pub quantities: HashSet<String>,
    /// Folded word → values it stands for.
    pub words: HashMap<String, Vec<String>>,
    /// Folded word → month number.
    pub months: HashMap<String, u8>,
    /// Month forms that count in a source only next to a number (en "May").
    pub month_needs_number: HashSet<String>,
    /// Words after which a form of `month_named_after` is a month without a
    /// number (en "in March"), unless a word of `month_not_before` follows.
    pub month_after: HashSet<String>,
    pub month_named_after: HashSet<String>,
    pub month_not_before: HashSet<String>,
    /// Months are written in lower case: a capitalised form is a name
    /// (Maja, Jun) unless a number is next to it.
    pub month_lowercase: bool,
    /// Months begin compound words (de Oktoberhälfte).
    pub month_compounds: bool,
    /// Clock times are written with a dot too (8.30 = 8:30).
    pub time_dot: bool,
    /// Clock times are written with h too (19 h 30, 19h30).
    pub time_h: bool,
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
                    let written = |s: &str| match s {
                        "space" => ' ',
                        "nbsp" => '\u{a0}',
                        "nnbsp" => '\u{202f}',
                        s => s.chars().next().unwrap_or(','),
                    };
                    e.group = rest.get(1).map_or('.', |s| written(s));
                    e.thousands = rest[1..]
                        .iter()
                        .map(|s| match written(s) {
                            c if is_space_sep(c) => ' ',
                            c => c,
                        })
                        .collect();
                }
                "version-name" => e.version_names.extend(rest.iter().map(|s| s.to_string())),
                "currency" => e.currencies.extend(rest.iter().map(|s| s.to_string())),
                "quantity" => e.quantities.extend(rest.iter().map(|s| s.to_string())),
                "version-word" => e
                    .version_words
                    .extend(rest.iter().map(|w| crate::text::fold(w))),
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
                "month-after" => e.month_after.extend(rest.iter().map(|s| s.to_string())),
                "month-named-after" => e
                    .month_named_after
                    .extend(rest.iter().map(|s| s.to_string())),
                "month-not-before" => e
                    .month_not_before
                    .extend(rest.iter().map(|s| s.to_string())),
                "month-lowercase" => e.month_lowercase = true,
                "month-compounds" => e.month_compounds = true,
                "time-dot" => e.time_dot = true,
                "time-h" => e.time_h = true,
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

/// The separators of a language: its region's (es-MX writes 4,500.5),
/// else its primary subtag's, if the table holds them.
fn own_separators(lang: &str) -> Option<&'static LangTable> {
    let t = tables();
    let primary = crate::lang::primary(lang);
    let region = lang
        .split('-')
        .skip(1)
        .find(|s| s.len() == 2 || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit())));
    region
        .and_then(|r| t.get(&format!("{primary}-{}", r.to_ascii_uppercase())))
        .or_else(|| t.get(primary))
        .filter(|x| x.decimal != '\0' && primary != "*")
}

/// The table of a language's separators, else the default.
pub fn table(lang: &str) -> &'static LangTable {
    own_separators(lang)
        .or_else(|| tables().get("*"))
        .expect("numbers.txt has a * line")
}

/// True if the table holds the language's own separators (not the default
/// line's guess).
fn has_separators(lang: &str) -> bool {
    own_separators(lang).is_some()
}

/// True if the number at `r` of `text` is a version (`v2.5`, `version 2.5`,
/// `verziju 2.5`, `2.5.1`): a name, written as it is, never reformatted.
fn is_version(text: &str, r: &Range<usize>) -> bool {
    let tok = &text[r.clone()];
    // 2.5.1, but not 1.000.000
    if tok.matches('.').count() > 1 && grouped_value(tok).is_none() {
        return true;
    }
    let before = &text[..r.start];
    let mut prev = before.chars().rev();
    if matches!(prev.next(), Some('v' | 'V')) && prev.next().is_none_or(|c| !c.is_alphanumeric()) {
        return true;
    }
    let word = before
        .trim_end_matches(|c: char| c.is_whitespace() || c == '-')
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let word = crate::text::fold(word);
    !word.is_empty()
        && tables()["*"]
            .version_words
            .iter()
            .any(|v| word.starts_with(v.as_str()))
}

/// True if the number at `sr` of `source`, written the same at `tr` of
/// `target`, is a version by the word before it: a product's name kept in
/// the translation (Python 3.10, iOS 17.2: two letters or more, a capital,
/// the same word in both texts, no currency code) or a `version-name`
/// (release 1.5), before a number with one dot that no quantity follows
/// (1.5 million, 2.5 km, 3.5 %).
fn is_named_version(source: &str, sr: &Range<usize>, target: &str, tr: &Range<usize>) -> bool {
    let tok = &source[sr.clone()];
    if tok.matches('.').count() != 1 || !tok.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return false;
    }
    let star = &tables()["*"];
    fn word_before<'a>(text: &'a str, r: &Range<usize>) -> Option<&'a str> {
        let before = text[..r.start].strip_suffix(' ')?;
        let w = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default();
        (w.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some(w)
    }
    let quantity_after = |text: &str, r: &Range<usize>| {
        let rest = text[r.end..].trim_start_matches([' ', '\u{a0}']);
        rest.starts_with('%')
            || unit_after(text, r).is_some_and(|w| {
                star.quantities.contains(&w)
                    || is_unit(metric(), Some(w.clone()))
                    || tables()
                        .values()
                        .any(|t| is_unit(&t.imperial, Some(w.clone())))
            })
    };
    if quantity_after(source, sr) || quantity_after(target, tr) {
        return false;
    }
    let named = |w: &str| star.version_names.contains(&crate::text::fold(w));
    if word_before(source, sr).is_some_and(named) || word_before(target, tr).is_some_and(named) {
        return true;
    }
    let Some(name) = word_before(source, sr) else {
        return false;
    };
    name.chars().any(char::is_uppercase)
        && !star.currencies.contains(&crate::text::fold(name))
        && target
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == name)
}

/// The value of a number token written with digit groups of three and one
/// grouping mark, whichever (`1.200`, `1,200`, `1 200`, `1'200` = 1200).
fn grouped_value(tok: &str) -> Option<String> {
    let sep = tok.chars().find(|c| !c.is_ascii_digit())?;
    let groups: Vec<&str> = tok.split(sep).collect();
    let ok = !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[0].bytes().all(|b| b.is_ascii_digit())
        && groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| groups.concat().trim_start_matches('0').to_string())
        .filter(|v| !v.is_empty())
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
                ',' | '.' | '\'' | '’' => digits > 0,
                c if is_space_sep(c) => digits == 3,
                // A clock time (10:30) is one token; a score (4:1) and a
                // race time (4:41.30) are two.
                ':' => {
                    let (h, m) = (&s[start..i], after.get(..2).unwrap_or_default());
                    let fraction = matches!(after.get(2), Some(b'.' | b','))
                        && after.get(3).is_some_and(u8::is_ascii_digit);
                    h.len() <= 2
                        && h.bytes().all(|d| d.is_ascii_digit())
                        && digits == 2
                        && !fraction
                        && h.parse::<u32>().is_ok_and(|h| h <= 24)
                        && std::str::from_utf8(m)
                            .ok()
                            .and_then(|m| m.parse::<u32>().ok())
                            .is_some_and(|m| m <= 59)
                }
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

/// A clock time of a text: `8:30`, `08:30`; `8.30` in a language that
/// writes times so (sr, hr, de: a dot between one or two digits and two
/// more is no number there) or before am/pm (en 5.30pm); `19 h 30`, `19h30`
/// in a language that writes times so (fr); a bare hour before am/pm
/// (7 a.m., 3pm).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Time {
    hour: u32,
    minute: u32,
    pm: bool,
    /// The time as written, with its am/pm (`3 p.m.`).
    written: String,
}

impl Time {
    /// The values it equals: `8:30`; at a full hour also the bare hour
    /// (8:00 = 8); after pm also on a 24-hour clock (3 p.m. = 15:00 = 15).
    fn keys(&self) -> Vec<String> {
        let mut hours = vec![self.hour];
        if self.pm && (1..12).contains(&self.hour) {
            hours.push(self.hour + 12);
        }
        let mut out = Vec::new();
        for h in hours {
            out.push(format!("{h}:{:02}", self.minute));
            if self.minute == 0 {
                out.push(h.to_string());
            }
        }
        out
    }

    /// The 24-hour reading of a pm time (`15:00`), if it differs.
    fn on_24_hours(&self) -> Option<String> {
        (self.pm && (1..12).contains(&self.hour))
            .then(|| format!("{}:{:02}", self.hour + 12, self.minute))
    }
}

/// How a language writes clock times besides `8:30` (data: `time-dot`, `time-h`).
#[derive(Debug, Clone, Copy, Default)]
struct ClockStyle {
    /// 8.30
    dot: bool,
    /// 8 h 30, 8h30, 8 h
    h: bool,
}

fn clock_style(lang: &str) -> ClockStyle {
    lang_words(lang).map_or_else(ClockStyle::default, |t| ClockStyle {
        dot: t.time_dot,
        h: t.time_h,
    })
}

/// What a number token is: a number, a clock time, or the minutes of the
/// clock time before it (the 30 of fr 19 h 30).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Reading {
    Number,
    Clock(Time),
    Minutes,
}

/// The reading of each number token of `text`.
fn readings(text: &str, toks: &[Range<usize>], style: ClockStyle) -> Vec<Reading> {
    let mut out = vec![Reading::Number; toks.len()];
    for (i, r) in toks.iter().enumerate() {
        if out[i] == Reading::Minutes {
            continue;
        }
        if let Some((time, minutes_at)) = clock(text, r, style) {
            if let Some(at) = minutes_at
                && toks.get(i + 1).is_some_and(|n| n.start == at)
            {
                out[i + 1] = Reading::Minutes;
            }
            out[i] = Reading::Clock(time);
        }
    }
    out
}

const SPACES: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

/// am or pm right after a number (`7 a.m.`, `5.30pm`, `3 PM`): (pm, bytes).
fn meridiem(after: &str) -> Option<(bool, usize)> {
    let gap = after.len() - after.trim_start_matches(SPACES).len();
    let rest = &after[gap..];
    let head: String = rest
        .chars()
        .take(5)
        .collect::<String>()
        .to_ascii_lowercase();
    for (form, pm) in [
        ("a.m.", false),
        ("p.m.", true),
        ("a. m.", false),
        ("p. m.", true),
        ("am", false),
        ("pm", true),
    ] {
        if head.starts_with(form) && !rest[form.len()..].starts_with(char::is_alphanumeric) {
            return Some((pm, gap + form.len()));
        }
    }
    None
}

/// am or pm after a number, or after the end of the range it opens (the pm
/// of 10:00-11:00 pm is the first time's too): (pm, bytes written after the
/// number; 0 for a range).
fn meridiem_after(after: &str) -> Option<(bool, usize)> {
    if let Some(m) = meridiem(after) {
        return Some(m);
    }
    for joiner in ["-", "–", " - ", " – ", " to "] {
        if let Some(rest) = after.strip_prefix(joiner) {
            let n = rest
                .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
                .unwrap_or(rest.len());
            if n > 0
                && let Some((pm, _)) = meridiem(&rest[n..])
            {
                return Some((pm, 0));
            }
        }
    }
    None
}

/// After an hour, the `h` of `19 h 30`, `19h30`, `19 h`: (minutes, where
/// their digits start, bytes written).
fn h_minutes(after: &str) -> Option<(u32, Option<usize>, usize)> {
    let skip = |s: &str, from: usize| {
        from + (s[from..].len() - s[from..].trim_start_matches(SPACES).len())
    };
    let h = skip(after, 0);
    if !after[h..].starts_with('h') || after[h + 1..].starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    let m = skip(after, h + 1);
    let digits = after[m..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 2 {
        let minute: u32 = after[m..m + 2].parse().ok()?;
        return (minute <= 59).then_some((minute, Some(m), m + 2));
    }
    (digits == 0).then_some((0, None, h + 1))
}

/// After four digits, what makes them a time (`1900 GMT`, `0430 hours`,
/// `1345Z`): the bytes up to the end of that word, which the time keeps
/// only for `Z`.
fn zone_after(after: &str) -> Option<usize> {
    if after.starts_with('Z') && !after[1..].starts_with(char::is_alphanumeric) {
        return Some(1);
    }
    let rest = after.trim_start_matches(SPACES);
    if rest.len() == after.len() {
        return None;
    }
    ["GMT", "UTC", "hours", "hrs"]
        .iter()
        .any(|w| rest.starts_with(w) && !rest[w.len()..].starts_with(char::is_alphanumeric))
        .then_some(0)
}

/// The clock time of the number token at `r` in `text`, if it is one, and
/// where its minutes start when they are a token of their own.
fn clock(text: &str, r: &Range<usize>, style: ClockStyle) -> Option<(Time, Option<usize>)> {
    let tok = &text[r.clone()];
    let after = &text[r.end..];
    let written = |len: usize| text[r.start..r.end + len].to_string();
    if tok.len() == 4
        && tok.bytes().all(|b| b.is_ascii_digit())
        && let Some(len) = zone_after(after)
    {
        // 1900 GMT, 0430 hours, 1345Z: the 24-hour clock without a colon.
        let (hour, minute): (u32, u32) = (tok[..2].parse().ok()?, tok[2..].parse().ok()?);
        let time = Time {
            hour,
            minute,
            pm: false,
            written: written(len),
        };
        return (hour <= 23 && minute <= 59).then_some((time, None));
    }
    if tok.bytes().all(|b| b.is_ascii_digit()) {
        let hour: u32 = tok.parse().ok()?;
        if style.h
            && tok.len() <= 2
            && hour <= 24
            && let Some((minute, at, len)) = h_minutes(after)
        {
            let time = Time {
                hour,
                minute,
                pm: false,
                written: written(len),
            };
            return Some((time, at.map(|a| r.end + a)));
        }
        let (pm, len) = meridiem_after(after)?;
        let time = Time {
            hour,
            minute: 0,
            pm,
            written: written(len),
        };
        return (1..=12).contains(&hour).then_some((time, None));
    }
    let sep = tok.find([':', '.'])?;
    let (h, m) = (&tok[..sep], &tok[sep + 1..]);
    let meridiem = meridiem_after(after);
    if !(1..=2).contains(&h.len())
        || m.len() != 2
        || !m.bytes().all(|b| b.is_ascii_digit())
        || (tok.as_bytes()[sep] == b'.' && !style.dot && meridiem.is_none())
    {
        return None;
    }
    let (hour, minute): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    let time = Time {
        hour,
        minute,
        pm: meridiem.is_some_and(|(pm, _)| pm),
        written: written(meridiem.map_or(0, |(_, len)| len)),
    };
    (hour <= 24 && minute <= 59).then_some((time, None))
}

/// Write a canonical value with a language's separators (`4500.5` → `4.500,5`).
pub fn render(v: &str, t: &LangTable, group: bool) -> String {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let mut out = String::new();
    let sep = t.group;
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

/// A number token written under `from` (where it reads as a value) with the
/// separators of `to`, its digits as written: trailing zeros are the
/// writer's (`3.10` → `3,10`, `2.50` → `2,50`, `1,200.50` → `1.200,50`).
fn rewrite(tok: &str, from: &LangTable, to: &LangTable, group: bool) -> String {
    let (int, frac) = match tok.rfind(from.decimal) {
        Some(d) if value(tok, from).is_some() => (&tok[..d], &tok[d + from.decimal.len_utf8()..]),
        _ => (tok, ""),
    };
    let int: String = int.chars().filter(char::is_ascii_digit).collect();
    let mut out = render(&int, to, group);
    if !frac.is_empty() {
        out.push(to.decimal);
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
        let first = w
            .strip_prefix("mid-")
            .unwrap_or(w)
            .chars()
            .next()
            .unwrap_or(' ');
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
        // mid-March, mid-May: surely the month.
        let (f, mid) = match f.strip_prefix("mid-") {
            Some(rest) if t.month_after.contains("mid") => (rest, true),
            _ => (f, false),
        };
        let Some((m, needs_number)) = month_of(t, f, role) else {
            continue;
        };
        let maybe_other_word = needs_number || (t.month_lowercase && first.is_uppercase());
        if role == Role::Source
            && maybe_other_word
            && !mid
            && !is_num(i.checked_sub(1).and_then(|p| ws.get(p)))
            && !is_num(ws.get(i + 1))
            && !named_after_cue(t, &ws, i, f)
        {
            continue;
        }
        out.insert(m);
    }
    out
}

/// A capitalised `March`, `May` after `in`, `since`, `by`… and before no
/// verb (`by May said` is Theresa May): the month without a number.
fn named_after_cue(t: &LangTable, ws: &[&str], i: usize, f: &str) -> bool {
    let lower = |w: &&str| w.to_lowercase();
    t.month_named_after.contains(f)
        && ws[i].chars().all(char::is_alphabetic)
        && i.checked_sub(1)
            .and_then(|p| ws.get(p))
            .is_some_and(|p| t.month_after.contains(&lower(p)))
        && !ws
            .get(i + 1)
            .is_some_and(|n| t.month_not_before.contains(&lower(n)))
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
    let (src, tgt) = (Digits::new(source, st), Digits::new(target, tt));
    let (source, target) = (&*src.text, &*tgt.text);
    let src_toks = tokens(source);
    let tgt_toks = tokens(target);
    if (!src_toks.is_empty() || !tgt_toks.is_empty())
        && (enabled("number-missing") || enabled("number-extra") || enabled("number-format"))
        && !same_plain_numbers(source, &src_toks, target, &tgt_toks)
    {
        numbers(
            &src, src_lang, &tgt, lang, st, tt, &src_toks, &tgt_toks, enabled, hits,
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

/// A text as the numbers checks read it: the decimal digits of every script
/// (`１８７６`, `१८७६`, `١٨٧٦`: Unicode Nd) as ASCII digits, and the separators
/// written between them (Arabic `٫` `٬`, full-width `，` `．` `：`) as the
/// ASCII marks the language's convention reads; findings name and point at
/// the text as written.
struct Digits<'a> {
    /// The text as checked.
    text: std::borrow::Cow<'a, str>,
    /// The text as written.
    written: &'a str,
    /// For each byte of `text` and its end, the offset in `written`; None
    /// when the two are the same.
    from: Option<Vec<usize>>,
}

impl<'a> Digits<'a> {
    fn new(s: &'a str, t: &LangTable) -> Digits<'a> {
        let other_digit = |c: char| !c.is_ascii() && crate::text::decimal_digit(c).is_some();
        if s.is_ascii() || !s.chars().any(other_digit) {
            return Digits {
                text: s.into(),
                written: s,
                from: None,
            };
        }
        let is_digit = |c: Option<char>| c.and_then(crate::text::decimal_digit).is_some();
        let mut text = String::with_capacity(s.len());
        let mut from = Vec::with_capacity(s.len() + 1);
        let mut prev = None;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let between = is_digit(prev) && is_digit(chars.peek().map(|&(_, n)| n));
            let ascii = match c {
                c if !c.is_ascii() && crate::text::decimal_digit(c).is_some() => {
                    char::from_digit(crate::text::decimal_digit(c).unwrap_or(0), 10)
                }
                '\u{066B}' if between => Some(t.decimal),
                '\u{066C}' if between => t.thousands.first().copied(),
                '，' if between => Some(','),
                '．' if between => Some('.'),
                '：' if between => Some(':'),
                _ => None,
            };
            text.push(ascii.unwrap_or(c));
            from.resize(text.len(), i);
            prev = Some(c);
        }
        from.push(s.len());
        Digits {
            text: text.into(),
            written: s,
            from: Some(from),
        }
    }

    /// The bytes of the text as written that `r` (in `text`) covers.
    fn span(&self, r: &Range<usize>) -> Range<usize> {
        match &self.from {
            None => r.clone(),
            Some(from) => from[r.start]..from[r.end],
        }
    }

    /// What `r` (in `text`) covers, as written.
    fn shown(&self, r: &Range<usize>) -> &'a str {
        &self.written[self.span(r)]
    }
}

#[allow(clippy::too_many_arguments)]
fn numbers(
    src: &Digits,
    src_lang: &str,
    tgt: &Digits,
    lang: &str,
    st: &LangTable,
    tt: &LangTable,
    src_toks: &[Range<usize>],
    tgt_toks: &[Range<usize>],
    enabled: &dyn Fn(&str) -> bool,
    hits: &mut Vec<Hit>,
) {
    let (source, target) = (&*src.text, &*tgt.text);
    // Target values under the target's convention, and under the source's
    // (a translator who kept 4,500.5): (value, token index).
    let mut tgt_own: HashMap<String, usize> = HashMap::new();
    let mut tgt_src_conv: HashMap<String, usize> = HashMap::new();
    let tgt_readings = readings(target, tgt_toks, clock_style(lang));
    for (i, r) in tgt_toks.iter().enumerate() {
        let tok = &target[r.clone()];
        let keys = match &tgt_readings[i] {
            Reading::Clock(time) => time.keys(),
            _ => Vec::new(),
        };
        for v in values(tok, tt).into_iter().chain(keys) {
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
    // Target tokens as written, and grouped by a mark the target's
    // convention does not read (1.200 in fr): (token or value, token index).
    let mut tgt_written: HashMap<&str, usize> = HashMap::new();
    let mut tgt_grouped: HashMap<String, usize> = HashMap::new();
    for (i, r) in tgt_toks.iter().enumerate() {
        let tok = &target[r.clone()];
        tgt_written.entry(tok).or_insert(i);
        if value(tok, tt).is_none()
            && let Some(v) = grouped_value(tok)
        {
            tgt_grouped.entry(v).or_insert(i);
        }
    }
    // Target tokens grouped by three that the target's reader reads as
    // another value (4.500 in de-CH reads 4.5), and tokens written as the
    // language's main convention writes them, not its region's (4,5 in
    // de-CH): (value, token index).
    let mut tgt_misgrouped: HashMap<String, usize> = HashMap::new();
    let mut tgt_primary: HashMap<String, usize> = HashMap::new();
    let pt = own_separators(crate::lang::primary(lang)).filter(|p| !std::ptr::eq(*p, tt));
    for (i, r) in tgt_toks.iter().enumerate() {
        let tok = &target[r.clone()];
        if let (Some(own), Some(g)) = (value(tok, tt), grouped_value(tok))
            && own != g
        {
            tgt_misgrouped.entry(g).or_insert(i);
        }
        if let Some(v) = pt.and_then(|p| value(tok, p))
            && value(tok, tt).is_none_or(|x| x != v)
        {
            tgt_primary.entry(v).or_insert(i);
        }
    }
    // Spelled-out numbers are looked for only when a digit is not found.
    let tgt_words = std::cell::OnceCell::new();
    let tgt_words = || tgt_words.get_or_init(|| word_values(target, lang));
    let has_tgt = |v: &str| tgt_own.contains_key(v) || tgt_words().contains(v);
    let mut src_all: HashSet<String> = HashSet::new();
    let mut converted = false;
    let src_readings = readings(source, src_toks, clock_style(src_lang));
    for (r, reading) in src_toks.iter().zip(&src_readings) {
        let tok = &source[r.clone()];
        src_all.extend(groups(tok));
        if *reading == Reading::Minutes {
            continue;
        }
        // A clock time is one value, found as any of its keys (8:00 = 8).
        if let Reading::Clock(time) = reading {
            let keys = time.keys();
            let found = keys.iter().any(|k| has_tgt(k));
            src_all.extend(keys);
            // 8:30 → 8 i 30
            let gs = groups(tok);
            if found || (gs.len() > 1 && gs.iter().all(|g| tgt_groups.contains(g))) {
                continue;
            }
            if enabled("number-missing") {
                let clock = time
                    .on_24_hours()
                    .map(|t| format!(" ({t} on a 24-hour clock)"))
                    .unwrap_or_default();
                hits.push(Hit::new(
                    "number-missing",
                    format!(
                        "the source time {} is not in the target: check it{clock}",
                        time.written
                    ),
                ));
            }
            continue;
        }
        // 45 miles → 72 km: the translator converted the unit.
        if is_unit(&st.imperial, unit_after(source, r)) {
            converted = true;
            src_all.extend(values(tok, st));
            continue;
        }
        // A version (v2.5, version 2.5, 2.5.1) is a name: found as written.
        if tgt_written.contains_key(tok)
            && (is_version(source, r)
                || is_version(target, &tgt_toks[tgt_written[tok]])
                || is_named_version(source, r, target, &tgt_toks[tgt_written[tok]]))
        {
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
                let own = rewrite(written, st, tt, written.len() > 4);
                let shown = tgt.shown(&tgt_toks[i]);
                // 4,500 kept in a de target: its reader reads 4,5.
                if let Some(misread) = value(written, tt).filter(|x| *x != v)
                    && has_separators(lang)
                {
                    if enabled("number-misread") {
                        hits.push(Hit::at(
                            "number-misread",
                            format!(
                                "{shown} is written with {src_lang} separators and reads as {} in {lang}: write {own}",
                                render(&misread, tt, misread.len() > 4)
                            ),
                            tgt.span(&tgt_toks[i]),
                        ));
                    }
                } else if own != written && enabled("number-format") {
                    hits.push(Hit::at(
                        "number-format",
                        format!(
                            "{shown} is written with {src_lang} separators; in {lang} write {own}"
                        ),
                        tgt.span(&tgt_toks[i]),
                    ));
                }
                continue;
            }
            // 4.500 in a de-CH target: grouped by a mark its reader reads as
            // the decimal one.
            if let Some(&i) = tgt_misgrouped.get(&v)
                && has_separators(lang)
            {
                if enabled("number-misread") {
                    let written = &target[tgt_toks[i].clone()];
                    let misread = value(written, tt).unwrap_or_default();
                    hits.push(Hit::at(
                        "number-misread",
                        format!(
                            "{} reads as {} in {lang}: write {}",
                            tgt.shown(&tgt_toks[i]),
                            render(&misread, tt, misread.len() > 4),
                            render(&v, tt, true)
                        ),
                        tgt.span(&tgt_toks[i]),
                    ));
                }
                continue;
            }
            // 4,5 in a de-CH target: the language's form, not the region's.
            if let (Some(&i), Some(p)) = (tgt_primary.get(&v), pt) {
                if enabled("number-format") {
                    let written = &target[tgt_toks[i].clone()];
                    hits.push(Hit::at(
                        "number-format",
                        format!(
                            "{} is written with {} separators; in {lang} write {}",
                            tgt.shown(&tgt_toks[i]),
                            crate::lang::primary(lang),
                            rewrite(written, p, tt, written.len() > 4)
                        ),
                        tgt.span(&tgt_toks[i]),
                    ));
                }
                continue;
            }
            // 1.200 in a fr target: grouped, but not as fr groups.
            if let Some(&i) = tgt_grouped.get(&v) {
                if enabled("number-format") {
                    hits.push(Hit::at(
                        "number-format",
                        format!(
                            "{} groups its digits as {lang} does not; in {lang} write {}",
                            tgt.shown(&tgt_toks[i]),
                            render(&v, tt, true)
                        ),
                        tgt.span(&tgt_toks[i]),
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
                        "the source number {} is not in the target: write it as {}",
                        src.shown(r),
                        if value(tok, st).as_ref() == Some(&v) {
                            rewrite(tok, st, tt, tok.len() > 4)
                        } else {
                            render(&v, tt, tok.len() > 4)
                        }
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
    for (r, reading) in tgt_toks.iter().zip(&tgt_readings) {
        let tok = &target[r.clone()];
        let time = match reading {
            Reading::Minutes => continue,
            Reading::Clock(time) => Some(time),
            Reading::Number => None,
        };
        if time.is_some_and(|t| t.keys().iter().any(|k| src_all.contains(k))) {
            continue;
        }
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
        let what = match time {
            Some(t) => format!("the time {}", t.written),
            None => tgt.shown(r).to_string(),
        };
        hits.push(Hit::at(
            "number-extra",
            format!("the target has {what}, which the source does not: check it"),
            tgt.span(r),
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
    fn digits_of_every_script_are_read_by_value() {
        let en = "The telephone was invented in 1876.";
        for (tgt, tl) in [
            ("電話は１８７６年に発明された。", "ja"),
            ("दूरध्वनीचा शोध १८७६ साली लागला.", "mr"),
            ("اخترع الهاتف عام ١٨٧٦.", "ar"),
            ("تلفن در سال ۱۸۷۶ اختراع شد.", "fa"),
            ("টেলিফোন ১৮৭৬ সালে আবিষ্কৃত হয়।", "bn"),
        ] {
            assert_eq!(run(en, "en", tgt, tl), [], "{tl}");
            assert_eq!(run(tgt, tl, en, "en"), [], "{tl} as the source");
        }
        // Another value is still found, and named as written.
        let hits = run(en, "en", "電話は１８７５年に発明された。", "ja");
        assert_eq!(
            hits.iter().map(|h| h.0).collect::<Vec<_>>(),
            ["number-missing", "number-extra"]
        );
        assert!(hits[1].1.contains("１８７５"), "{hits:?}");
        // The span is in the target as written.
        let mut h = Vec::new();
        let t = "عام ١٨٧٥ و ١٨٧٦";
        check(en, "en", t, "ar", &|_| true, &mut h);
        let r = h[0].span.clone().unwrap();
        assert_eq!(&t[r], "١٨٧٥");
        // Separators written with them: Arabic ٫ and ٬, full-width ，．
        assert_eq!(run("It costs 3.5 euros.", "en", "يكلف ٣٫٥ يورو.", "ar"), []);
        assert_eq!(run("4,500 people", "en", "٤٬٥٠٠ شخص", "ar"), []);
        assert_eq!(run("4,500 people", "en", "４，５００人", "ja"), []);
        // A number the source spells out, as ASCII digits would be.
        assert_eq!(
            run("She was sixteen.", "en", "彼女は１６だった。", "ja"),
            []
        );
        assert_eq!(run("Ninety pence.", "en", "９０ペンス。", "ja"), []);
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
        assert_eq!(render("4500.5", table("sr-Latn"), true), "4.500,5");
        assert_eq!(render("4500.5", sq, true), "4\u{a0}500,5");
        // A clock time is one token (10:30); a score (4:1) or a game clock
        // past the hour (27:37) is two.
        let s = "from 4,500.5 to 1 000 on 10:30, won 4:1 on 27:37 in 4:41.30";
        let t: Vec<&str> = tokens(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(
            t,
            [
                "4,500.5", "1 000", "10:30", "4", "1", "27", "37", "4", "41.30"
            ]
        );
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
        // Albanian groups thousands with a no-break space (CLDR); 4.500,5 is read too.
        assert!(h[0].1.contains("4\u{a0}500,5"), "{h:?}");
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

    /// A number kept in the source's separators that the target's reader
    /// reads as another value is an error, not a matter of form.
    #[test]
    fn numbers_that_read_as_another_value() {
        let h = run("It cost 4,500 euros.", "en", "Es kostete 4,500 Euro.", "de");
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].0, "number-misread");
        assert!(h[0].1.contains("reads as 4,5 in de"), "{h:?}");
        assert!(h[0].1.contains("write 4.500"), "{h:?}");
        // Both ways: a German 4.500 in English is 4.5.
        let h = run("Es kostete 4.500 Euro.", "de", "It cost 4.500 euros.", "en");
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].0, "number-misread");
        assert!(h[0].1.contains("write 4,500"), "{h:?}");
        // French groups thousands with a narrow no-break space (CLDR).
        let h = run(
            "It cost 4,500 euros.",
            "en",
            "Il a coûté 4,500 euros.",
            "fr",
        );
        assert_eq!(h[0].0, "number-misread");
        assert!(h[0].1.contains("write 4\u{202f}500"), "{h:?}");
        assert!(
            run(
                "It cost 4,500 euros.",
                "en",
                "Il a coûté 4\u{202f}500 euros.",
                "fr"
            )
            .is_empty()
        );
        assert!(
            run(
                "It cost 4,500 euros.",
                "en",
                "Il a coûté 4 500 euros.",
                "fr"
            )
            .is_empty()
        );
        // 1.200 is no French number: a matter of form, with the French advice.
        let h = run(
            "He paid 1,200 staff.",
            "en",
            "Il a payé 1.200 employés.",
            "fr",
        );
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].0, "number-format");
        assert!(h[0].1.contains("write 1\u{202f}200"), "{h:?}");
        // A number no reader takes for another stays a matter of form.
        let h = run(
            "It cost 4,500.5 euros.",
            "en",
            "Es kostete 4,500.5 Euro.",
            "de",
        );
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].0, "number-format");
        // Nor a region that writes numbers as English does.
        assert!(run("It cost 4,500 euros.", "en", "Costó 4,500 euros.", "es-MX").is_empty());
        assert_eq!(
            run("It cost 4,500 euros.", "en", "Costó 4,500 euros.", "es")[0].0,
            "number-misread"
        );
        // A language whose conventions the table does not hold is not
        // second-guessed.
        assert!(
            !run("It cost 4,500 euros.", "en", "Ilikuwa 4,500 euro.", "sw")
                .iter()
                .any(|h| h.0 == "number-misread")
        );
    }

    /// Advice rewrites the separators of a number as written: its digits,
    /// trailing zeros too, are the translator's (3.10 is not 3.1).
    #[test]
    fn advice_keeps_the_digits_as_written() {
        let h = run("It weighs 2.50 kg.", "en", "Es wiegt 2.50 kg.", "de");
        assert_eq!(h.len(), 1, "{h:?}");
        assert!(h[0].1.ends_with("write 2,50"), "{h:?}");
        let h = run("Es kostet 2,50 Euro.", "de", "It costs 2,50 euros.", "en");
        assert_eq!(h.len(), 1, "{h:?}");
        assert!(h[0].1.ends_with("write 2.50"), "{h:?}");
        let h = run(
            "It cost 1,200.50 euros.",
            "en",
            "Es kostete 1,200.50 Euro.",
            "de",
        );
        assert!(h[0].1.ends_with("write 1.200,50"), "{h:?}");
        let h = run("It cost 2.50 euros.", "en", "Es kostete zwei Euro.", "de");
        assert_eq!(h[0].0, "number-missing");
        assert!(h[0].1.ends_with("write it as 2,50"), "{h:?}");
    }

    /// Swiss German (CLDR): `.` is the decimal mark, `’` groups.
    #[test]
    fn swiss_german_numbers() {
        assert!(
            run(
                "It costs 1,299.99 francs.",
                "en",
                "Es kostet 1’299.99 Franken.",
                "de-CH"
            )
            .is_empty()
        );
        let h = run(
            "We sold 4,500 cars.",
            "en",
            "Wir verkauften 4.500 Autos.",
            "de-CH",
        );
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].0, "number-misread");
        assert!(
            h[0].1.contains("reads as 4.5 in de-CH: write 4’500"),
            "{h:?}"
        );
        let h = run("It weighs 4.5 tons.", "en", "Es wiegt 4,5 Tonnen.", "de-CH");
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].0, "number-format");
        assert!(h[0].1.ends_with("in de-CH write 4.5"), "{h:?}");
    }

    /// A version is a name, not a decimal number: kept as written.
    #[test]
    fn versions_are_written_as_they_are() {
        for (s, t) in [
            (
                "Install version 2.5 now.",
                "Installieren Sie jetzt Version 2.5.",
            ),
            ("Install v2.5 now.", "Installieren Sie jetzt v2.5."),
            ("Install 2.5.1 now.", "Installieren Sie jetzt 2.5.1."),
            (
                "Update to iOS 12.1 today.",
                "Aktualisieren Sie heute auf iOS-Version 12.1.",
            ),
        ] {
            assert_eq!(run(s, "en", t, "de"), Vec::new(), "{t}");
        }
        assert_eq!(
            run(
                "Install version 2.5 now.",
                "en",
                "Instalirajte verziju 2.5 sada.",
                "sr-Latn"
            ),
            Vec::new()
        );
        // A product's name kept in the translation, right before a number
        // with one dot, names a version (Python 3.10 is not 3,1); so do
        // release, build, update and patch.
        for (s, t, tl) in [
            (
                "Use Python 3.10 or later.",
                "Verwenden Sie Python 3.10 oder höher.",
                "de",
            ),
            (
                "Windows 10.0.19041 and iOS 17.2 and Python 3.12",
                "Windows 10.0.19041, iOS 17.2, Python 3.12",
                "fr",
            ),
            (
                "Install release 1.5 now.",
                "Instaloni publikimin 1.5 tani.",
                "sq",
            ),
            (
                "Install build 4.2 now.",
                "Installieren Sie Build 4.2.",
                "de",
            ),
        ] {
            assert_eq!(run(s, "en", t, tl), Vec::new(), "{t}");
        }
        // But not a word translated, an amount of a currency, a score, or a
        // quantity (a million, a unit).
        for (s, t) in [
            ("About 2.5 people came.", "Etwa 2.5 Leute kamen."),
            ("It costs EUR 2.50 now.", "Es kostet EUR 2.50 jetzt."),
            ("Kasparov lost by 3.5 X 2.5.", "Kasparov verlor 3.5 X 2.5."),
            ("Ghana 300.5 million", "Ghana 300.5 Millionen"),
            (
                "They release 1.5 million barrels.",
                "Sie release 1.5 million Barrel.",
            ),
            ("The Nile 6.6 km", "Der Nil: Nile 6.6 km"),
        ] {
            let h = run(s, "en", t, "de");
            assert!(h.iter().any(|h| h.0 == "number-format"), "{t}: {h:?}");
        }
        // A version changed is still missing.
        let h = run(
            "Install version 2.5 now.",
            "en",
            "Installieren Sie Version 2.6.",
            "de",
        );
        assert!(h.iter().any(|h| h.0 == "number-missing"), "{h:?}");
    }

    /// A clock time is one value: 8:00 is the bare hour 8, 8:30 = 8.30 where
    /// the language writes times with a dot, 3 p.m. = 15 h.
    #[test]
    fn clock_times_are_one_value() {
        for (src, tgt, lang) in [
            (
                "He goes to work at 8:00 a.m.",
                "Ide na posao u 8 ujutru.",
                "sr-Latn",
            ),
            (
                "It happened before 7 a.m.",
                "Dogodilo se pre 7:00 ujutru.",
                "sr-Latn",
            ),
            ("It was 04:00.", "Bilo je 4 sata.", "hr"),
            (
                "The shop opens at 8:30.",
                "Prodavnica se otvara u 8.30.",
                "sr-Latn",
            ),
            (
                "The shop opens at 8:30.",
                "Радња се отвара у 8.30 часова.",
                "sr-Cyrl",
            ),
            (
                "The shop opens at 8.30am.",
                "Trgovina se otvara u 8:30.",
                "hr",
            ),
            (
                "At about 19:30 BST.",
                "Oko 19.30 po britanskom vremenu.",
                "hr",
            ),
            (
                "Between 12:00 and 13:00 BST.",
                "Između 12.00 i 13.00 po britanskom vremenu.",
                "sr-Latn",
            ),
            (
                "The polls close at 13.00 Uhr.",
                "Die Wahllokale schließen um 13:00 Uhr.",
                "de",
            ),
            ("At 3 p.m. on Wednesday.", "U srijedu u 15 h.", "hr"),
            (
                "At 2pm two vans were inside.",
                "Um 14:00 Uhr waren zwei Wagen drin.",
                "de",
            ),
            (
                "Perfect time for a pint is 5.30pm.",
                "Savršeno vreme za pivo je 17.30.",
                "sr-Latn",
            ),
            (
                "At 12:55 p.m. on Tuesday.",
                "Në orën 12:55 të martën.",
                "sq",
            ),
            ("He scored on 3:35.", "Postigao je gol u 3:35.", "sr-Latn"),
            (
                "Between 10:00-11:00 pm MDT.",
                "Između 22:00 i 23:00 h MDT.",
                "hr",
            ),
            ("At 10:08 p.m. on Monday.", "Lundi à 22 h 08.", "fr"),
            ("At 7 p.m. ET tonight.", "Ce soir à 19 h 00.", "fr"),
            ("At 7:55am.", "À 07h55.", "fr"),
            ("At 4 a.m.", "À 4h du matin.", "fr"),
            (
                "The polls closed at 1900 GMT.",
                "Birališta su zatvorena u 19:00 po Griniču.",
                "hr",
            ),
            (
                "The strike began at 0430 GMT on Friday.",
                "Štrajk je počeo u petak u 4.30 po Griniču.",
                "sr-Latn",
            ),
            (
                "Curfew starts at 2200 hours.",
                "Policijski čas počinje u 22 h.",
                "hr",
            ),
            ("Landing at 1345Z.", "Sletanje u 13:45 UTC.", "sr-Latn"),
        ] {
            let h = run(src, "en", tgt, lang);
            assert!(h.is_empty(), "{lang} {tgt}: {h:?}");
        }
        // The wrong time is found, once, as a time.
        let h = run("He left at 8:30.", "en", "Otišao je u 9.30.", "sr-Latn");
        assert_eq!(
            h,
            [
                (
                    "number-missing",
                    "the source time 8:30 is not in the target: check it".to_string()
                ),
                (
                    "number-extra",
                    "the target has the time 9.30, which the source does not: check it".to_string()
                ),
            ]
        );
        // A four-digit time is a time only before a zone or `hours`.
        let h = run("At 1900 GMT.", "en", "U 20:00 po Griniču.", "hr");
        assert_eq!(h.len(), 2, "{h:?}");
        assert!(h[0].1.contains("time 1900"), "{h:?}");
        let h = run(
            "In 1900 there were few.",
            "en",
            "1900. ih je bilo malo.",
            "hr",
        );
        assert!(h.is_empty(), "{h:?}");
        let h = run("At 3 p.m.", "en", "U 16 h.", "hr");
        assert_eq!(h.len(), 2, "{h:?}");
        assert_eq!(
            h[0].1,
            "the source time 3 p.m. is not in the target: check it (15:00 on a 24-hour clock)"
        );
        // In English a dot is a decimal point unless am or pm follows.
        let h = run(
            "It grew 8.30 percent.",
            "en",
            "Porastao je 8,3 odsto.",
            "sr-Latn",
        );
        assert!(h.is_empty(), "{h:?}");
        let h = run(
            "It grew 8.30 percent.",
            "en",
            "Porastao je 8.30 odsto.",
            "sr-Latn",
        );
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].0, "number-format");
    }

    #[test]
    fn may_the_verb_is_no_month() {
        assert!(months("It may rain in May 2020.", "en", Role::Source).contains(&5));
        assert!(months("They may come.", "en", Role::Source).is_empty());
        // after in, since, by…: the month, unless a verb follows (a name)
        assert_eq!(
            months("The meeting was in March.", "en", Role::Source),
            HashSet::from([3])
        );
        assert_eq!(
            months(
                "Prices rose since May and in mid-March.",
                "en",
                Role::Source
            ),
            HashSet::from([3, 5])
        );
        assert!(months("A speech by May said little.", "en", Role::Source).is_empty());
        assert!(
            months(
                "It was the March of Dimes in May's term.",
                "en",
                Role::Source
            )
            .is_empty()
        );
        assert!(months("They march in May's name.", "en", Role::Source).is_empty());
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
