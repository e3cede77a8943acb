//! Terminology against the glossary: a concept named in the source must be
//! named in the target by one of its approved terms (any inflected form,
//! either Serbian script: the [`Recogniser`] knows them); forbidden terms and
//! names written without their diacritics are flagged.

use std::collections::HashMap;

use super::{Hit, Pair};
use crate::glossary::{
    Glossary, MatchKind, Occurrence, Recogniser, Status, inflect, lang_distance, lang_matches,
    script,
};

/// The terms found in the last source text: a unit's source is checked
/// against each of its languages in a row, and recognised once.
#[derive(Debug, Default)]
pub struct SourceCache {
    lang: String,
    text: String,
    found: Vec<Occurrence>,
}

/// Recognisers for every language a run needs, built once.
pub struct Terminology {
    glossary: Glossary,
    recognisers: HashMap<String, Recogniser>,
}

impl Terminology {
    pub fn new(glossary: Glossary, langs: &[&str]) -> Terminology {
        let recognisers = langs
            .iter()
            .map(|l| (l.to_string(), Recogniser::new(&glossary, l)))
            .collect();
        Terminology {
            glossary,
            recognisers,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.glossary.concepts.is_empty()
    }

    pub fn check(
        &self,
        p: &Pair,
        enabled: &dyn Fn(&str) -> bool,
        cache: &mut SourceCache,
        hits: &mut Vec<Hit>,
    ) {
        let (source, src_lang, target, lang) = (&*p.source, &*p.src_lang, &*p.target, &*p.lang);
        if self.is_empty()
            || !(enabled("term-missing") || enabled("term-forbidden") || enabled("term-diacritics"))
        {
            return;
        }
        let (Some(sr), Some(tr)) = (self.recognisers.get(src_lang), self.recognisers.get(lang))
        else {
            return;
        };
        let in_target = tr.find(target);
        for o in &in_target {
            if o.status == Status::Forbidden {
                if enabled("term-forbidden") {
                    let instead = self
                        .preferred(&o.concept, lang)
                        .map(|t| format!("; use '{t}'"))
                        .unwrap_or_default();
                    hits.push(Hit::at(
                        "term-forbidden",
                        format!(
                            "'{}' is a forbidden term for {}{instead}",
                            o.found,
                            self.label(&o.concept)
                        ),
                        o.start..o.end,
                    ));
                }
            } else if o.how.contains(&MatchKind::DiacriticFolded) && enabled("term-diacritics") {
                hits.push(Hit::at(
                    "term-diacritics",
                    format!(
                        "'{}' lacks the diacritics of '{}': write the name as the glossary does",
                        o.found, o.term
                    ),
                    o.start..o.end,
                ));
            }
        }
        if !enabled("term-missing") {
            return;
        }
        let mut seen: Vec<&str> = Vec::new();
        let mut words: Option<Vec<String>> = None;
        let mut repaired: Option<Option<String>> = None;
        if cache.text != source || cache.lang != src_lang {
            cache.found = sr.find(source);
            source.clone_into(&mut cache.text);
            src_lang.clone_into(&mut cache.lang);
        }
        for o in &cache.found {
            if o.status == Status::Forbidden || seen.contains(&o.concept.as_str()) {
                continue;
            }
            let Some(ci) = self
                .glossary
                .concepts
                .iter()
                .position(|c| c.id == o.concept)
            else {
                continue;
            };
            let concept = &self.glossary.concepts[ci];
            seen.push(&concept.id);
            // A title used as a common noun ("a vice president") is no name.
            if concept.kind == "title" && o.found.starts_with(char::is_lowercase) {
                continue;
            }
            // Any occurrence of the concept in the target (a diacritic or a
            // forbidden form is reported above, not again as missing).
            if in_target.iter().any(|t| t.concept == o.concept) {
                continue;
            }
            // Look-alike letters (EУ with a Latin E) are mixed-script's
            // finding; read the word in the target's script here.
            let repaired =
                repaired.get_or_insert_with(|| repair_words(source, src_lang, target, lang));
            if let Some(r) = repaired
                && tr.find(r).iter().any(|t| t.concept == o.concept)
            {
                continue;
            }
            let Some(want) = self.preferred(&o.concept, lang) else {
                continue; // the glossary has no term in this language: lint's business
            };
            let modifier = attributive(source, o, inflect::rules_for(src_lang));
            if self.named_by_derived(o, src_lang, lang, target, modifier, &mut words) {
                continue;
            }
            hits.push(Hit::new(
                "term-missing",
                format!(
                    "the source names {} ('{}'); the target should too: '{want}' (any inflected form)",
                    self.label(&o.concept),
                    o.found
                ),
            ));
        }
    }

    /// True if the target names the concept with words that recognition
    /// leaves out on purpose: a usable target term's words, in order, each in
    /// a recognised form, the last (of five letters or more) also as
    /// - a compound ending in it (potpredsednika for predsednik);
    /// - an adjective made from it, by the language's `adjective` suffixes
    ///   (londonski, meksički, pariski; evropian);
    /// - a possessive adjective (`possessive` suffixes: Stoltenbergova,
    ///   Kurtijev) where the source is possessive (Stoltenberg's) or uses
    ///   the name as a modifier (`modifier`: the Trump administration);
    /// - for a two-word name whose first word is an adjective, the one-word
    ///   adjective of both (`compound`: severnokorejski for Severna Koreja);
    /// - a word built on a title (Kryeministrja on kryeministr-);
    /// - in a language without inflection rules (de, hu), the word with
    ///   endings glued on (Kosovos, Koszovóban).
    ///
    /// A word that merely holds part of the term is another word: serbëve
    /// (Serbs) is not Lista Serbe, Kragujevčanima (its people) not
    /// Kragujevac, Osmanijeva not Osmani when the source says "Osmani", and a
    /// term's every word must be there (Lista kandidata is not Srpska lista).
    fn named_by_derived(
        &self,
        o: &Occurrence,
        src_lang: &str,
        lang: &str,
        target: &str,
        modifier: bool,
        words: &mut Option<Vec<String>>,
    ) -> bool {
        let Some(c) = self.glossary.concept(&o.concept) else {
            return false;
        };
        let folding = crate::text::Folding::of(lang);
        let words = words.get_or_insert_with(|| {
            crate::text::words(target)
                .into_iter()
                .map(|w| crate::text::fold_with(w, folding))
                .collect()
        });
        let found = o.found.to_lowercase();
        let possessive = modifier
            || inflect::rules_for(src_lang)
                .is_some_and(|r| r.clitic.iter().any(|c| found.ends_with(c.as_str())));
        let title = c.kind == "title";
        c.terms
            .iter()
            .filter(|t| t.status != Status::Forbidden && lang_matches(&t.lang, lang))
            .any(|t| {
                let rules = inflect::rules_for(&t.lang).or(inflect::rules_for(lang));
                let tws = crate::text::words(&t.text);
                let n = tws.len();
                let wanted: Vec<DerivedWord> = tws
                    .iter()
                    .enumerate()
                    .map(|(k, w)| {
                        let last = k + 1 == n;
                        DerivedWord::new(w, rules, last, t.exact_only, folding, possessive, title)
                    })
                    .collect();
                if n == 0 {
                    return false;
                }
                if words
                    .windows(n)
                    .any(|ws| ws.iter().zip(&wanted).all(|(w, d)| d.named_by(w)))
                {
                    return true;
                }
                // Severna Koreja → severnokorejski: the first word's stem, the
                // joining vowel, then the adjective of the last word.
                let Some(join) = rules.and_then(|r| r.compound.as_deref()) else {
                    return false;
                };
                if n != 2 || t.exact_only {
                    return false;
                }
                let lower = script::lower_latin(tws[0]);
                let f =
                    inflect::word_forms(rules, tws[0], &lower, inflect::Position::Nonfinal, false);
                if f.stem_chars >= lower.chars().count() {
                    return false; // not an adjective (Bret Kavano)
                }
                let stem: String = lower.chars().take(f.stem_chars).collect();
                let head = crate::text::fold_with(&format!("{stem}{join}"), folding);
                words.iter().any(|w| {
                    w.strip_prefix(head.as_str())
                        .is_some_and(|rest| wanted[1].adjective_of(rest))
                })
            })
    }

    fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.glossary.concept(id).map(|c| c.label()).unwrap_or(id)
    }

    /// The preferred (else admitted) term of a concept for text in `lang`:
    /// one in the text's script before any other, then the closest tag
    /// ([`lang_distance`]: sr-Latn-RS serves sr-Latn, sr-Cyrl-RS does not).
    fn preferred(&self, id: &str, lang: &str) -> Option<&str> {
        let c = self.glossary.concept(id)?;
        c.terms
            .iter()
            .filter(|t| t.status != Status::Forbidden)
            .filter_map(|t| {
                let d = lang_distance(&t.lang, lang)?;
                let admitted = t.status != Status::Preferred;
                Some(((d == 3, admitted, d), t))
            })
            .min_by_key(|(k, _)| *k)
            .map(|(_, t)| t)
            .map(|t| t.text.as_str())
    }
}

/// A term word as qa's term-missing reads it ([`Terminology::named_by_derived`]).
struct DerivedWord {
    /// Folded forms recognition accepts (stem + each ending).
    forms: Vec<String>,
    /// The folded word, if it is long enough to be read inside other words.
    whole: Option<String>,
    /// The language has inflection rules (else endings may be glued on).
    inflects: bool,
    /// Folded beginnings of adjectives made from it (base + suffix), which
    /// an adjective's ending completes.
    adjectival: Vec<String>,
    /// The folded endings of those adjectives; empty: any.
    adjective_endings: Vec<String>,
    /// Folded beginnings of the words built on a title (any ending).
    derived: Vec<String>,
}

impl DerivedWord {
    fn new(
        w: &str,
        rules: Option<&inflect::Rules>,
        last: bool,
        exact_only: bool,
        folding: crate::text::Folding,
        possessive: bool,
        title: bool,
    ) -> DerivedWord {
        let fold = |s: &str| crate::text::fold_with(s, folding);
        let lower = script::lower_latin(w);
        let pos = if last {
            inflect::Position::Final
        } else {
            inflect::Position::Nonfinal
        };
        let f = inflect::word_forms(rules, w, &lower, pos, exact_only);
        let stem: String = lower.chars().take(f.stem_chars).collect();
        let forms = f
            .endings
            .iter()
            .map(|e| fold(&format!("{stem}{e}")))
            .collect();
        let long = last && lower.chars().count() >= 5 && !exact_only;
        let mut derived = Vec::new();
        let mut adjectival = Vec::new();
        if let (true, Some(r)) = (long, rules) {
            // The word and its stem, each also without a last consonant that
            // the suffix replaces (Pariz → pariski, Meksik-o → meksički) or
            // an ending the language drops (Britanij-a → britanski).
            let mut bases = vec![lower.clone(), stem.clone()];
            for b in [lower.clone(), stem.clone()] {
                if let Some(c) = b.chars().last()
                    && !"aeiouëy".contains(c)
                {
                    bases.push(b[..b.len() - c.len_utf8()].to_string());
                }
                for d in &r.adjective_drop {
                    if let Some(cut) = b.strip_suffix(d.as_str())
                        && cut.chars().count() >= r.min_stem
                    {
                        bases.push(cut.to_string());
                    }
                }
            }
            let mut suffixes: Vec<&String> = r.adjective.iter().collect();
            if possessive {
                suffixes.extend(&r.possessive);
            }
            for b in &bases {
                for x in &suffixes {
                    adjectival.push(fold(&format!("{b}{x}")));
                }
            }
            // A name that is an adjective (Nemačka, Škotska) has its stem
            // for its adjective's (nemački, škotskog).
            if f.stem_chars < lower.chars().count()
                && r.adjective.iter().any(|x| stem.ends_with(x.as_str()))
            {
                adjectival.push(fold(&stem));
            }
            if title {
                // The stem with what all its case endings begin with:
                // kryeministr- of kryeministër (kryeministri, -ra, -rit…).
                let own = &f.endings[0];
                let case: Vec<&String> = f.endings[1..]
                    .iter()
                    .filter(|e| {
                        !e.is_empty()
                            && !e.starts_with(own.as_str())
                            && e.chars().all(char::is_alphabetic)
                    })
                    .collect();
                let shared: String = case.first().map_or(String::new(), |first| {
                    first
                        .chars()
                        .enumerate()
                        .take_while(|(i, ch)| case.iter().all(|e| e.chars().nth(*i) == Some(*ch)))
                        .map(|(_, ch)| ch)
                        .collect()
                });
                derived.push(fold(&lower));
                if !shared.is_empty() {
                    derived.push(fold(&format!("{stem}{shared}")));
                }
            }
        }
        DerivedWord {
            whole: long.then(|| fold(&lower)),
            forms,
            inflects: rules.is_some(),
            adjectival,
            adjective_endings: rules
                .map(|r| r.adjective_endings.iter().map(|e| fold(e)).collect())
                .unwrap_or_default(),
            derived,
        }
    }

    /// True if `w` is an adjective made from the word: one of its beginnings
    /// and an adjective's ending (britanskih, skoceze; not skocezët).
    fn adjective_of(&self, w: &str) -> bool {
        self.adjectival.iter().any(|d| {
            w.strip_prefix(d.as_str()).is_some_and(|rest| {
                self.adjective_endings.is_empty()
                    || self.adjective_endings.iter().any(|e| e == rest)
            })
        })
    }

    fn named_by(&self, w: &str) -> bool {
        if self.forms.iter().any(|f| f == w) {
            return true;
        }
        let Some(whole) = &self.whole else {
            return false;
        };
        self.forms
            .iter()
            .any(|f| w.len() > f.len() && w.ends_with(f.as_str()))
            || (!self.inflects && w.starts_with(whole.as_str()))
            || self.adjective_of(w)
            || self.derived.iter().any(|d| w.starts_with(d.as_str()))
    }
}

/// True if the source uses the name as a modifier of the noun after it: a
/// determiner before it that can only be that noun's (a name takes none of
/// its own) and a lowercase word after it: "the Trump administration", "a
/// Trump campaign spokesman", not "Trump said" or "that Trump said".
fn attributive(source: &str, o: &Occurrence, rules: Option<&inflect::Rules>) -> bool {
    let Some(r) = rules.filter(|r| !r.determiner.is_empty()) else {
        return false;
    };
    let before = source[..o.start]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let after = source[o.end..].trim_start();
    r.determiner.contains(&before)
        && after.starts_with(char::is_lowercase)
        && !source[o.end..].starts_with(|c: char| !c.is_whitespace())
}

/// `target` with its mixed-script words retyped in the language's script,
/// if it has any.
fn repair_words(source: &str, src_lang: &str, target: &str, lang: &str) -> Option<String> {
    let words = super::unicode::mixed_words(source, src_lang, target, lang);
    if words.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(target.len() + 8);
    let mut at = 0;
    for (r, fixed) in words {
        out.push_str(&target[at..r.start]);
        out.push_str(&fixed);
        at = r.end;
    }
    out.push_str(&target[at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::file::parse;

    fn glossary() -> Glossary {
        parse(
            "g.toml",
            r#"
[[concept]]
id = "pristina"
type = "place"
en = ["Pristina"]
sq = ["Prishtinë"]
sr-Latn = ["Priština", { term = "Prishtina", status = "forbidden" }]
sr-Cyrl = ["Приштина"]

[[concept]]
id = "milan-radoicic"
type = "person"
en = ["Milan Radoičić"]
sr-Latn = ["Milan Radoičić"]
"#,
        )
        .unwrap()
        .0
    }

    fn run(src: &str, tgt: &str, lang: &str) -> Vec<&'static str> {
        let t = Terminology::new(glossary(), &["en", lang]);
        let mut hits = Vec::new();
        let p = Pair {
            unit: None,
            document: None,
            src_lang: "en".into(),
            lang: lang.into(),
            source: src.into(),
            target: tgt.into(),
            source_markup: None,
            target_markup: None,
            line: None,
            column: None,
        };
        t.check(&p, &|_| true, &mut SourceCache::default(), &mut hits);
        hits.into_iter().map(|h| h.check).collect()
    }

    #[test]
    fn approved_terms_in_any_form_and_script() {
        assert!(run("He went to Pristina.", "Otišao je u Prištinu.", "sr-Latn").is_empty());
        assert!(run("He went to Pristina.", "Отишао је у Приштину.", "sr-Cyrl").is_empty());
        assert_eq!(
            run("He went to Pristina.", "Otišao je u grad.", "sr-Latn"),
            ["term-missing"]
        );
        assert_eq!(
            run("He went to Pristina.", "Otišao je u Prishtinu.", "sr-Latn"),
            ["term-forbidden"]
        );
        assert_eq!(
            run(
                "Milan Radoičić spoke.",
                "Milan Radoicic je govorio.",
                "sr-Latn"
            ),
            ["term-diacritics"]
        );
    }

    #[test]
    fn a_name_between_a_determiner_and_a_noun_is_a_modifier() {
        let g = parse(
            "g.toml",
            "[[concept]]\nid = \"trump\"\ntype = \"person\"\nen = [\"Trump\"]\n",
        )
        .unwrap()
        .0;
        let r = Recogniser::new(&g, "en");
        let modifier = |s: &str| {
            let o = &r.find(s)[0];
            attributive(s, o, inflect::rules_for("en"))
        };
        assert!(modifier("The Trump administration acted."));
        assert!(modifier("said a Trump campaign spokesman"));
        assert!(!modifier("Trump said so."));
        assert!(!modifier("the second time that Trump has visited"));
        assert!(!modifier("They met the Trump."));
        assert!(!modifier("the Trump, they said"));
    }
}
