//! Per-language suffix rules for proper nouns, kept as data in
//! `src/glossary/data/{sq,sr,en}.txt` (the format is described at the top of
//! `sr.txt`). A term word gets a stem and the endings that may follow it;
//! recognition compares folded forms (lower case, Latin, no diacritics) and
//! uses the written endings to tell an inflection from a missing diacritic.

use std::sync::OnceLock;

/// Where a word stands in a multi-word term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Any word (the only word of a one-word term is final).
    Any,
    /// The last word of a term.
    Final,
    /// A word followed by another (adjectives before their noun).
    Nonfinal,
    /// The last word of a plural name: the word before it ends as an
    /// adjective in the plural does (Ujedinjene nacije, Ujedinjeni Arapski
    /// Emirati). Its `plural` rules come first, then the `final` ones.
    Plural,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub position: Position,
    /// Lower case with diacritics; empty for `*`.
    pub ending: String,
    pub cut: usize,
    /// Written endings (lower case, diacritics kept); "" for none.
    pub forms: Vec<String>,
}

/// The rules of one language.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub rules: Vec<Rule>,
    pub hyphen: Vec<String>,
    pub clitic: Vec<String>,
    pub alternates: Vec<Vec<String>>,
    pub min_stem: usize,
    /// Suffixes of adjectives made from a name (London → londonski).
    pub adjective: Vec<String>,
    /// Suffixes of possessive adjectives (Stoltenbergova, Kurtijev).
    pub possessive: Vec<String>,
    /// Endings a stem loses before an adjective suffix (Britanij-a →
    /// britanski; Skoci → skoceze).
    pub adjective_drop: Vec<String>,
    /// Endings an adjective made from a name takes ("" for none); empty:
    /// any.
    pub adjective_endings: Vec<String>,
    /// The vowel joining the adjective of a two-word name into one word
    /// (Severna Koreja → severnokorejski), if the language makes them.
    pub compound: Option<String>,
    /// Words that make the name after them a modifier of the noun that
    /// follows it (the Trump administration).
    pub determiner: Vec<String>,
    /// Endings of a word before the last that make a term a plural name.
    pub plural_adjective: Vec<String>,
}

/// How a term word may appear in text.
#[derive(Debug, Clone, PartialEq)]
pub struct WordForms {
    /// Characters of the (lower-case) term word that form the stem.
    pub stem_chars: usize,
    /// Written endings that may follow the stem (the word's own ending included).
    pub endings: Vec<String>,
    /// Words that may stand for this one (`i` ↔ `të`), lower case.
    pub alternates: Vec<String>,
}

const SQ: &str = include_str!("data/sq.txt");
const SR: &str = include_str!("data/sr.txt");
const EN: &str = include_str!("data/en.txt");

/// Parse a rules table. Panics only on a malformed built-in table, which
/// the unit tests load.
pub fn parse_rules(name: &str, text: &str) -> Result<Rules, String> {
    let mut r = Rules {
        min_stem: 3,
        ..Rules::default()
    };
    let form = |s: &str| {
        if s == "-" {
            String::new()
        } else {
            s.to_string()
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        let bad = |what: &str| format!("{name}:{}: {what}: {line}", n + 1);
        match f[0] {
            "rule" => {
                if f.len() < 5 {
                    return Err(bad("a rule is `rule POSITION ENDING CUT FORMS...`"));
                }
                let position = match f[1] {
                    "any" => Position::Any,
                    "final" => Position::Final,
                    "nonfinal" => Position::Nonfinal,
                    "plural" => Position::Plural,
                    _ => return Err(bad("POSITION is any, final, nonfinal or plural")),
                };
                let ending = if f[2] == "*" {
                    String::new()
                } else {
                    f[2].to_string()
                };
                let cut: usize = f[3].parse().map_err(|_| bad("CUT is a number"))?;
                if cut > ending.chars().count() {
                    return Err(bad("CUT is longer than ENDING"));
                }
                r.rules.push(Rule {
                    position,
                    ending,
                    cut,
                    forms: f[4..].iter().map(|s| form(s)).collect(),
                });
            }
            "hyphen" => r.hyphen = f[1..].iter().map(|s| format!("-{s}")).collect(),
            "clitic" => r.clitic = f[1..].iter().map(|s| s.to_string()).collect(),
            "adjective" => r.adjective = f[1..].iter().map(|s| s.to_string()).collect(),
            "possessive" => r.possessive = f[1..].iter().map(|s| s.to_string()).collect(),
            "adjective-drop" => r.adjective_drop = f[1..].iter().map(|s| s.to_string()).collect(),
            "adjective-endings" => r.adjective_endings = f[1..].iter().map(|s| form(s)).collect(),
            "compound" => {
                r.compound = Some(f.get(1).ok_or_else(|| bad("compound VOWEL"))?.to_string())
            }
            "determiner" => r.determiner = f[1..].iter().map(|s| s.to_string()).collect(),
            "plural-adjective" => {
                r.plural_adjective = f[1..].iter().map(|s| s.to_string()).collect()
            }
            "alternates" => r
                .alternates
                .push(f[1..].iter().map(|s| s.to_string()).collect()),
            "min-stem" => {
                r.min_stem = f
                    .get(1)
                    .and_then(|s| s.parse().ok())
                    .ok_or_else(|| bad("min-stem N"))?
            }
            _ => return Err(bad("unknown directive")),
        }
    }
    Ok(r)
}

/// The rules for a language (by primary subtag), if it has any.
pub fn rules_for(lang: &str) -> Option<&'static Rules> {
    static SQ_R: OnceLock<Rules> = OnceLock::new();
    static SR_R: OnceLock<Rules> = OnceLock::new();
    static EN_R: OnceLock<Rules> = OnceLock::new();
    let load = |cell: &'static OnceLock<Rules>, name: &str, text: &str| -> &'static Rules {
        cell.get_or_init(|| {
            parse_rules(name, text).unwrap_or_else(|e| panic!("built-in table {e}"))
        })
    };
    match crate::lang::primary(lang).to_ascii_lowercase().as_str() {
        "sq" => Some(load(&SQ_R, "sq.txt", SQ)),
        // Serbian, and the closely related standards written the same way.
        "sr" | "hr" | "bs" | "cnr" | "sh" => Some(load(&SR_R, "sr.txt", SR)),
        "en" => Some(load(&EN_R, "en.txt", EN)),
        _ => None,
    }
}

/// True for an acronym: two or more letters, all capitals (NATO, KFOR, BE, НАТО).
pub fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Where each word of a term stands, given in lower-case Latin: the last
/// word is [`Position::Plural`] when the word before it ends in one of the
/// language's `plural-adjective` endings.
pub fn positions(rules: Option<&Rules>, lower: &[String]) -> Vec<Position> {
    let n = lower.len();
    let plural = n >= 2
        && rules.is_some_and(|r| {
            r.plural_adjective
                .iter()
                .any(|e| lower[n - 2].ends_with(e.as_str()))
        });
    (0..n)
        .map(|i| match (i + 1 == n, plural) {
            (false, _) => Position::Nonfinal,
            (true, true) => Position::Plural,
            (true, false) => Position::Final,
        })
        .collect()
}

/// The forms of a term word. `word` is as written (any script); `lower` is
/// its lower-case Latin form with diacritics.
pub fn word_forms(
    rules: Option<&Rules>,
    word: &str,
    lower: &str,
    position: Position,
    exact_only: bool,
) -> WordForms {
    let n = lower.chars().count();
    let own = WordForms {
        stem_chars: n,
        endings: vec![String::new()],
        alternates: Vec::new(),
    };
    let Some(r) = rules else { return own };
    if exact_only {
        return own;
    }
    let mut out = own;
    if let Some(alt) = r.alternates.iter().find(|a| a.iter().any(|w| w == lower)) {
        out.alternates = alt.clone();
        return out;
    }
    out.endings.extend(r.clitic.iter().cloned());
    out.endings.extend(r.hyphen.iter().cloned());
    if is_acronym(word) {
        return out;
    }
    let rule = r
        .rules
        .iter()
        .filter(|rule| {
            (rule.position == Position::Any
                || rule.position == position
                || (position == Position::Plural && rule.position == Position::Final))
                && lower.ends_with(&rule.ending)
                && long_enough(rule, n, r.min_stem)
        })
        .max_by_key(|rule| {
            (
                rule.position == Position::Plural,
                rule.ending.chars().count(),
                rule.position != Position::Any,
            )
        });
    if let Some(rule) = rule {
        let stem_chars = n - rule.cut;
        let own_ending: String = lower.chars().skip(stem_chars).collect();
        let mut endings = vec![own_ending];
        for f in &rule.forms {
            if !endings.contains(f) {
                endings.push(f.clone());
            }
        }
        for f in out.endings.drain(..) {
            // clitics and hyphen forms follow the whole word, not the stem
            if f.is_empty() {
                continue;
            }
            let whole: String = lower.chars().skip(stem_chars).collect::<String>() + &f;
            if !endings.contains(&whole) {
                endings.push(whole);
            }
        }
        out.stem_chars = stem_chars;
        out.endings = endings;
    }
    out
}

/// A rule applies to a word of `n` letters when its stem has `min_stem`
/// letters, or when every form but the word's own is longer than that (Ibër:
/// stem "Ib", forms Ibri, Ibrit, Ibra…).
fn long_enough(rule: &Rule, n: usize, min_stem: usize) -> bool {
    let stem = n - rule.cut;
    stem >= min_stem
        || rule
            .forms
            .iter()
            .filter(|f| **f != rule.ending_cut())
            .all(|f| stem + f.chars().count() > min_stem)
}

impl Rule {
    /// The letters of the term word the rule cuts (the word's own ending).
    fn ending_cut(&self) -> String {
        let n = self.ending.chars().count();
        self.ending.chars().skip(n - self.cut).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(lang: &str, w: &str, pos: Position) -> WordForms {
        let lower = crate::text::cyr_to_lat(w).to_lowercase();
        word_forms(rules_for(lang), w, &lower, pos, false)
    }

    #[test]
    fn built_in_tables_load() {
        for l in ["sq", "sr", "en"] {
            assert!(rules_for(l).is_some());
        }
        assert!(rules_for("de").is_none());
    }

    #[test]
    fn stems_and_endings() {
        let f = forms("sr", "Priština", Position::Final);
        assert_eq!(f.stem_chars, 7);
        assert!(f.endings.contains(&"om".to_string()));
        let f = forms("sr", "Srbija", Position::Final);
        assert_eq!(f.stem_chars, 5, "Srbij-, so Srbi does not match");
        let f = forms("sr", "Srpska", Position::Nonfinal);
        assert!(f.endings.contains(&"oj".to_string()));
        let f = forms("sq", "kryeministër", Position::Final);
        assert_eq!(f.stem_chars, 10);
        assert!(f.endings.contains(&"rit".to_string()));
        let f = forms("sq", "NATO", Position::Final);
        assert_eq!(f.stem_chars, 4);
        assert!(f.endings.contains(&"-s".to_string()));
        assert!(!f.endings.contains(&"it".to_string()));
        let f = forms("sq", "i", Position::Nonfinal);
        assert!(f.alternates.contains(&"të".to_string()));
        let f = forms("en", "Kosovo", Position::Final);
        assert!(f.endings.contains(&"'s".to_string()));
    }

    /// The text forms of a term word (stem + each ending), lower case.
    fn written(lang: &str, w: &str, pos: Position) -> Vec<String> {
        let lower = crate::text::cyr_to_lat(w).to_lowercase();
        let f = forms(lang, w, pos);
        let stem: String = lower.chars().take(f.stem_chars).collect();
        f.endings.iter().map(|e| format!("{stem}{e}")).collect()
    }

    #[test]
    fn fleeting_a_keeps_both_stems() {
        for (w, form) in [
            ("Aleksandar", "aleksandra"),
            ("Aleksandar", "aleksandrom"),
            ("Petar", "petru"),
            ("Kragujevac", "kragujevca"),
            ("Kragujevac", "kragujevcu"),
            ("Kragujevac", "kragujevcem"),
            ("Čačak", "čačka"),
            ("Ibar", "ibra"),
            // the a stays in other words of the same shape
            ("sekretar", "sekretara"),
            ("Pakrac", "pakraca"),
        ] {
            assert!(
                written("sr", w, Position::Final).contains(&form.to_string()),
                "{w} {form}"
            );
        }
        // derived words are not forms
        assert!(
            !written("sr", "Kragujevac", Position::Final).contains(&"kragujevčani".to_string())
        );
        // a stem of one letter is too short: Bar declines as Bara, Baru
        assert_eq!(forms("sr", "Bar", Position::Final).stem_chars, 3);
    }

    #[test]
    fn neuter_nouns_in_e_decline() {
        for (w, form) in [
            ("Samoopredeljenje", "samoopredeljenja"),
            ("Самоопредељење", "samoopredeljenju"),
            ("Polje", "polja"),
            ("Polje", "poljem"),
            ("Preduzeće", "preduzeća"),
        ] {
            assert!(
                written("sr", w, Position::Final).contains(&form.to_string()),
                "{w} {form}"
            );
        }
    }

    #[test]
    fn albanian_je_nouns_and_schwa_drop() {
        for (w, form) in [
            ("Vetëvendosje", "vetëvendosja"),
            ("Vetëvendosje", "vetëvendosjes"),
            ("Vetëvendosje", "vetëvendosjen"),
            ("Ibër", "ibri"),
            ("Ibër", "ibrit"),
            ("Shkodër", "shkodra"),
            ("Shkodër", "shkodrës"),
            ("kryeministër", "kryeministrin"),
        ] {
            assert!(
                written("sq", w, Position::Final).contains(&form.to_string()),
                "{w} {form}"
            );
        }
        // an indeclinable adjective after its noun stays as it is
        let serbe = written("sq", "Serbe", Position::Final);
        assert!(
            !serbe.iter().any(|f| f == "serba" || f == "serbes"),
            "{serbe:?}"
        );
    }

    /// The forms of each word of a term, by the positions its words give.
    fn term_written(lang: &str, term: &str) -> Vec<Vec<String>> {
        let ws: Vec<&str> = term.split(' ').collect();
        let lower: Vec<String> = ws.iter().map(|w| w.to_lowercase()).collect();
        let pos = positions(rules_for(lang), &lower);
        ws.iter()
            .zip(pos)
            .map(|(w, p)| written(lang, w, p))
            .collect()
    }

    #[test]
    fn plural_names_decline_as_plurals() {
        let has = |forms: &[String], f: &str| forms.iter().any(|x| x == f);
        let un = term_written("sr", "Ujedinjene nacije");
        for f in ["ujedinjenih", "ujedinjenim", "ujedinjenima"] {
            assert!(has(&un[0], f), "{f} {un:?}");
        }
        for f in ["nacija", "nacijama"] {
            assert!(has(&un[1], f), "{f} {un:?}");
        }
        // singular forms are not the plural name's
        assert!(!has(&un[1], "naciju") && !has(&un[1], "nacijom"), "{un:?}");
        let uae = term_written("sr", "Ujedinjeni Arapski Emirati");
        for f in ["emirata", "emiratima", "emirate"] {
            assert!(has(&uae[2], f), "{f} {uae:?}");
        }
        // a singular name keeps its rules: a neuter in -je, a surname in -i
        let polje = term_written("sr", "Kosovo Polje");
        assert!(has(&polje[1], "polju") && !has(&polje[1], "poljama"));
        let kurti = term_written("sr", "Albin Kurti");
        assert!(has(&kurti[1], "kurtija") && !has(&kurti[1], "kurtima"));
        assert_eq!(
            positions(rules_for("sr"), &["nacije".to_string()]),
            [Position::Final]
        );
    }

    #[test]
    fn foreign_names_keep_their_final_vowel() {
        for (lang, w, form) in [
            // Serbian: a name in -o or -e not native in shape keeps its vowel
            // (Kavanaugh → Kavano → Kavanoa; Goethe → Gete → Getea), a
            // native one loses it (Kosovo → Kosova)
            ("sr", "Kavano", "kavanoa"),
            ("sr", "Кавано", "kavanou"),
            ("sr", "Kavano", "kavanoom"),
            ("sr", "Kosovo", "kosova"),
            ("sr", "Gete", "getea"),
            ("sr", "Gete", "geteom"),
            // Albanian: a noun in stressed -e takes -ja, -së, -në after it
            ("sq", "Korea", "korenë"),
            ("sq", "Korea", "koresë"),
            ("sq", "Koreja", "korenë"),
            ("sq", "Koreja", "korea"),
        ] {
            assert!(
                written(lang, w, Position::Final).contains(&form.to_string()),
                "{w} {form}: {:?}",
                written(lang, w, Position::Final)
            );
        }
        // a noun in -je after a consonant still declines as one
        assert!(written("sq", "Vetëvendosje", Position::Final).contains(&"vetëvendosjes".into()));
    }

    #[test]
    fn k_g_h_become_c_z_s_before_i() {
        // sibilarization in the dative and locative of nouns in -ka, -ga, -ha
        for (w, form) in [
            ("Amerika", "americi"),
            ("Amerika", "ameriki"),
            ("Amerika", "amerikom"),
            ("Riga", "rizi"),
        ] {
            assert!(
                written("sr", w, Position::Final).contains(&form.to_string()),
                "{w} {form}"
            );
        }
        assert!(written("sr", "Nemačka", Position::Final).contains(&"nemačkoj".to_string()));
    }

    #[test]
    fn bad_tables_are_reported() {
        let e = parse_rules("x.txt", "rule any a 3 a").unwrap_err();
        assert!(e.contains("x.txt:1"), "{e}");
        assert!(parse_rules("x.txt", "frobnicate").is_err());
    }
}
