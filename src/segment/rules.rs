//! Per-language rules: which abbreviation lists apply, whether a period after a
//! number marks an ordinal, and which punctuation ends a sentence.
//!
//! The lists themselves are data (`data/*.txt`), parsed once on first use.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// How an abbreviation behaves before the next word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Stands before a name, a number or an example: never ends a sentence.
    Prefix,
    /// Stands before a number: no break before a digit; may end a sentence.
    Number,
    /// May end a sentence: a break when the next word is capitalised.
    Any,
    /// A unit or era after a number (`3 ft.`, `6 a.m.`, `753 B.C.`): there it may
    /// end a sentence, unless the clause so far is a fronted adverbial (`At 5 a.m.
    /// Mr. Smith left`); elsewhere it is a prefix (`Ft. Worth`, `A.D. 79`).
    Unit,
    /// A time of day or an era after a number (`6 a.m.`, `753 B.C.`): a unit that
    /// is complete, so a number after it opens a new sentence (`at 7 p.m. 20
    /// people came` is two), where a measure goes on (`3 ft. 6 in.`).
    Time,
}

/// The rules for one language (or a family sharing them, like sr/hr/bs).
#[derive(Debug, Default)]
pub struct Rules {
    /// Keys are normalised with [`abbrev_key`].
    abbrevs: HashMap<String, Kind>,
    /// Lower-case words that often begin a sentence (used after initialisms).
    starters: HashSet<String>,
    /// Prepositions that open a fronted adverbial (`At 5 a.m. …`).
    adverbial_openers: HashSet<String>,
    /// Words written with a capital inside a sentence too (English `I`): after an
    /// ellipsis they do not start a new sentence.
    inner_capitals: HashSet<String>,
    /// Capitalised words that go on after a unit (`8 p.m. EST`); keys as [`abbrev_key`].
    unit_followers: HashSet<String>,
    /// Verbs that report speech (English `said`): a quotation's end mark followed
    /// by a speaker's name and one of them (`"Go!" Tom shouted.`) ends no sentence.
    reporting_verbs: HashSet<String>,
    /// Names spelt with `!` (`Yahoo`): after them `!` does not end a sentence.
    bang_names: HashSet<String>,
    /// ISO 4217 codes (`EUR`): after an abbreviation of a quantity they go on.
    currencies: HashSet<String>,
    /// A period after a one- or two-digit number marks an ordinal (`4. Romski festival`).
    pub ordinal_period: bool,
    /// `.` ends sentences. Armenian uses `։` (and `:`) instead; its `.` is a colon.
    pub period_ends: bool,
    /// `;` is a question mark (Greek).
    pub semicolon_question: bool,
    /// `:` ends a sentence (Armenian text often writes `:` for `։`).
    pub colon_ends: bool,
}

impl Rules {
    pub fn abbrev(&self, key: &str) -> Option<Kind> {
        self.abbrevs.get(key).copied()
    }

    pub fn has_starters(&self) -> bool {
        !self.starters.is_empty()
    }

    pub fn is_starter(&self, lower_word: &str) -> bool {
        self.starters.contains(lower_word)
    }

    pub fn is_adverbial_opener(&self, lower_word: &str) -> bool {
        self.adverbial_openers.contains(lower_word)
    }

    pub fn is_unit_follower(&self, key: &str) -> bool {
        self.unit_followers.contains(key)
    }

    pub fn is_inner_capital(&self, word: &str) -> bool {
        self.inner_capitals.contains(word)
    }

    pub fn is_currency(&self, word: &str) -> bool {
        self.currencies.contains(word)
    }

    pub fn has_reporting_verbs(&self) -> bool {
        !self.reporting_verbs.is_empty()
    }

    pub fn is_reporting_verb(&self, lower_word: &str) -> bool {
        self.reporting_verbs.contains(lower_word)
    }

    pub fn is_bang_name(&self, word: &str) -> bool {
        self.bang_names.contains(word)
    }
}

/// Normalise an abbreviation (without its final period) for lookup: lower-case
/// throughout when it has inner periods (`U.S`, `e.g`), otherwise only the first
/// letter (`Co` = `co`, but `US` stays apart from `us`). Writes into `buf`, so that
/// the hot path allocates nothing; `None` when the token is too long to be one.
pub fn abbrev_key<'b>(token: &str, buf: &'b mut [u8; 48]) -> Option<&'b str> {
    let dotted = token.contains('.');
    let mut n = 0;
    for (i, c) in token.chars().enumerate() {
        let mut tmp = [0u8; 4];
        if i == 0 || dotted {
            for l in c.to_lowercase() {
                let s = l.encode_utf8(&mut tmp);
                buf.get_mut(n..n + s.len())?.copy_from_slice(s.as_bytes());
                n += s.len();
            }
        } else {
            let s = c.encode_utf8(&mut tmp);
            buf.get_mut(n..n + s.len())?.copy_from_slice(s.as_bytes());
            n += s.len();
        }
    }
    std::str::from_utf8(&buf[..n]).ok()
}

fn owned_key(token: &str) -> String {
    let mut buf = [0u8; 48];
    abbrev_key(token, &mut buf)
        .map(str::to_string)
        .unwrap_or_else(|| token.to_lowercase())
}

/// The kinds as the data files write them.
const KIND_NAMES: &[&str] = &["prefix", "number", "any", "unit", "time"];

/// Parse an abbreviation table: `abbrev [kind]` a line, `#` comments.
/// A bad kind is a bug in the shipped data, caught by the unit tests.
fn parse_abbrevs(data: &str, into: &mut HashMap<String, Kind>, cyrillic_too: bool) {
    for line in data.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (abbr, kind) = match line.rsplit_once(char::is_whitespace) {
            Some((a, k)) if KIND_NAMES.contains(&k) => (a.trim(), k),
            _ => (line, "any"),
        };
        let kind = match kind {
            "prefix" => Kind::Prefix,
            "number" => Kind::Number,
            "unit" => Kind::Unit,
            "time" => Kind::Time,
            _ => Kind::Any,
        };
        let abbr = abbr.split_whitespace().collect::<Vec<_>>().join(" ");
        into.insert(owned_key(&abbr), kind);
        if cyrillic_too {
            let cyr = crate::text::lat_to_cyr(&abbr);
            if cyr != abbr {
                into.entry(owned_key(&cyr)).or_insert(kind);
            }
        }
    }
}

/// The entries of a word list: one a line, `#` comments, blank lines skipped.
fn data_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

fn parse_words(data: &str) -> HashSet<String> {
    data_lines(data).map(str::to_lowercase).collect()
}

/// Like [`parse_words`], but keys made by [`abbrev_key`] (`EST` stays apart from `est`).
fn parse_words_as_keys(data: &str) -> HashSet<String> {
    data_lines(data).map(owned_key).collect()
}

const EN: &str = include_str!("data/en.txt");
const EN_STARTERS: &str = include_str!("data/en-starters.txt");
const EN_OPENERS: &str = include_str!("data/en-openers.txt");
const EN_UNIT_FOLLOWERS: &str = include_str!("data/en-unit-followers.txt");
const EN_REPORTING_VERBS: &str = include_str!("data/en-reporting-verbs.txt");
const SH: &str = include_str!("data/sh.txt");
const SH_STARTERS: &str = include_str!("data/sh-starters.txt");
const SQ: &str = include_str!("data/sq.txt");
const DE: &str = include_str!("data/de.txt");
const DA: &str = include_str!("data/da.txt");
const DA_STARTERS: &str = include_str!("data/da-starters.txt");
const FR: &str = include_str!("data/fr.txt");
const ES: &str = include_str!("data/es.txt");
const IT: &str = include_str!("data/it.txt");
const NL: &str = include_str!("data/nl.txt");
const PL: &str = include_str!("data/pl.txt");
const SK: &str = include_str!("data/sk.txt");
const RU: &str = include_str!("data/ru.txt");
const BG: &str = include_str!("data/bg.txt");
const BG_OPENERS: &str = include_str!("data/bg-openers.txt");
const KK: &str = include_str!("data/kk.txt");
const PT: &str = include_str!("data/pt.txt");
const FI: &str = include_str!("data/fi.txt");
const RU_OPENERS: &str = include_str!("data/ru-openers.txt");
const UK: &str = include_str!("data/uk.txt");
const UK_OPENERS: &str = include_str!("data/uk-openers.txt");
const EL: &str = include_str!("data/el.txt");
const AR: &str = include_str!("data/ar.txt");
const ML: &str = include_str!("data/ml.txt");
const COMMON: &str = include_str!("data/common.txt");
const BANG_NAMES: &str = include_str!("data/bang-names.txt");
const CURRENCIES: &str = include_str!("data/currencies.txt");

/// Every shipped abbreviation table (checked by the unit tests).
#[cfg(test)]
const ALL_LISTS: &[&str] = &[
    EN, SH, SQ, DE, DA, FR, ES, IT, NL, PL, SK, RU, BG, KK, UK, EL, AR, ML, PT, FI, COMMON,
];

/// Languages whose ordinal numbers are written with a period (`12. oktobra`,
/// `3. Oktober`): a period after a short number there rarely ends a sentence.
const ORDINAL_PERIOD: &[&str] = &[
    "sr", "hr", "bs", "sh", "cnr", "sl", "mk", "de", "cs", "sk", "pl", "da", "no", "nb", "nn",
    "fi", "et", "hu", "tr", "lv", "lt", "is", "fo",
];

struct Profile {
    /// Primary language subtags that use this profile.
    langs: &'static [&'static str],
    lists: &'static [&'static str],
    /// Add the Serbian Cyrillic form of every entry.
    cyrillic_too: bool,
    starters: &'static str,
    adverbial_openers: &'static str,
    inner_capitals: &'static str,
}

/// A profile with abbreviation lists only.
const fn lists(langs: &'static [&'static str], lists: &'static [&'static str]) -> Profile {
    Profile {
        langs,
        lists,
        cyrillic_too: false,
        starters: "",
        adverbial_openers: "",
        inner_capitals: "",
    }
}

const PROFILES: &[Profile] = &[
    Profile {
        langs: &["en"],
        lists: &[EN],
        cyrillic_too: false,
        starters: EN_STARTERS,
        adverbial_openers: EN_OPENERS,
        inner_capitals: "I",
    },
    Profile {
        langs: &["sr", "hr", "bs", "sh", "cnr"],
        lists: &[SH],
        cyrillic_too: true,
        starters: SH_STARTERS,
        adverbial_openers: "",
        inner_capitals: "",
    },
    Profile {
        langs: &["da"],
        lists: &[DA],
        cyrillic_too: false,
        starters: DA_STARTERS,
        adverbial_openers: "",
        // `I` (you, plural) is always written with a capital.
        inner_capitals: "I",
    },
    lists(&["sq"], &[SQ]),
    lists(&["de"], &[DE]),
    lists(&["fr"], &[FR]),
    lists(&["es", "ca", "gl"], &[ES]),
    lists(&["it"], &[IT]),
    lists(&["nl"], &[NL]),
    lists(&["pl"], &[PL]),
    lists(&["sk", "cs"], &[SK]),
    Profile {
        langs: &["bg"],
        lists: &[BG],
        cyrillic_too: false,
        starters: "",
        adverbial_openers: BG_OPENERS,
        inner_capitals: "",
    },
    Profile {
        langs: &["kk"],
        lists: &[RU, KK],
        cyrillic_too: false,
        starters: "",
        adverbial_openers: "",
        inner_capitals: "",
    },
    lists(&["pt"], &[PT]),
    lists(&["fi"], &[FI]),
    Profile {
        langs: &["ru", "be"],
        lists: &[RU],
        cyrillic_too: false,
        starters: "",
        adverbial_openers: RU_OPENERS,
        inner_capitals: "",
    },
    Profile {
        langs: &["uk"],
        lists: &[UK],
        cyrillic_too: false,
        starters: "",
        adverbial_openers: UK_OPENERS,
        inner_capitals: "",
    },
    lists(&["el"], &[EL]),
    lists(&["ar", "fa", "ur"], &[AR]),
    lists(&["ml"], &[ML]),
];

fn build(primary: &str) -> Rules {
    let mut rules = Rules {
        ordinal_period: ORDINAL_PERIOD.contains(&primary),
        period_ends: primary != "hy",
        semicolon_question: primary == "el",
        colon_ends: primary == "hy",
        bang_names: data_lines(BANG_NAMES).map(str::to_string).collect(),
        currencies: data_lines(CURRENCIES).map(str::to_string).collect(),
        ..Rules::default()
    };
    match PROFILES.iter().find(|p| p.langs.contains(&primary)) {
        Some(p) => {
            for list in p.lists {
                parse_abbrevs(list, &mut rules.abbrevs, p.cyrillic_too);
            }
            rules.starters = parse_words(p.starters);
            if p.cyrillic_too {
                let cyr: Vec<String> = rules
                    .starters
                    .iter()
                    .map(|w| crate::text::lat_to_cyr(w))
                    .collect();
                rules.starters.extend(cyr);
            }
            rules.adverbial_openers = parse_words(p.adverbial_openers);
            if p.langs.contains(&"en") {
                rules.unit_followers = parse_words_as_keys(EN_UNIT_FOLLOWERS);
                rules.reporting_verbs = parse_words(EN_REPORTING_VERBS);
            }
            rules.inner_capitals = p
                .inner_capitals
                .split_whitespace()
                .map(str::to_string)
                .collect();
        }
        None => parse_abbrevs(COMMON, &mut rules.abbrevs, false),
    }
    rules
}

static CACHE: LazyLock<std::sync::Mutex<HashMap<String, &'static Rules>>> =
    LazyLock::new(Default::default);

/// The rules for a BCP 47 tag (`sr-Cyrl` → the sr rules). Built once per primary
/// subtag and kept for the life of the process.
pub fn for_lang(tag: &str) -> &'static Rules {
    let primary = crate::lang::primary(tag).to_ascii_lowercase();
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(r) = cache.get(&primary) {
        return r;
    }
    let rules: &'static Rules = Box::leak(Box::new(build(&primary)));
    cache.insert(primary, rules);
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_line_has_a_known_kind() {
        for data in ALL_LISTS {
            for line in data.lines() {
                let line = line.split('#').next().unwrap_or("").trim();
                if line.is_empty() {
                    continue;
                }
                let words: Vec<&str> = line.split_whitespace().collect();
                assert!(
                    words.len() == 1 || KIND_NAMES.contains(words.last().unwrap()),
                    "bad line in an abbreviation list: {line:?}"
                );
            }
        }
    }

    #[test]
    fn serbian_rules_hold_in_both_scripts() {
        let r = for_lang("sr-Cyrl");
        assert_eq!(r.abbrev("проф"), Some(Kind::Prefix));
        assert_eq!(r.abbrev("prof"), Some(Kind::Prefix));
        assert_eq!(r.abbrev("итд"), Some(Kind::Any));
        assert_eq!(r.abbrev("i sl"), Some(Kind::Any));
        assert!(r.ordinal_period);
        assert!(!for_lang("en").ordinal_period);
    }

    #[test]
    fn keys_fold_the_first_letter_or_all_of_a_dotted_form() {
        let mut buf = [0u8; 48];
        assert_eq!(abbrev_key("Co", &mut buf), Some("co"));
        assert_eq!(abbrev_key("U.S", &mut buf), Some("u.s"));
        assert_eq!(abbrev_key("US", &mut buf), Some("uS"));
        assert_eq!(abbrev_key("Проф", &mut buf), Some("проф"));
    }
}
