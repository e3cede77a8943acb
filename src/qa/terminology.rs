//! Terminology against the glossary: a concept named in the source must be
//! named in the target by one of its approved terms (any inflected form,
//! either Serbian script: the [`Recogniser`] knows them); forbidden terms and
//! names written without their diacritics are flagged.

use std::collections::HashMap;

use super::{Hit, Pair};
use crate::glossary::{
    Glossary, MatchKind, Occurrence, Recogniser, Status, lang_distance, lang_matches,
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
        let mut folded: Option<String> = None;
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
            if self.stem_inside(&o.concept, lang, target, &mut folded) {
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

    /// True if the last word of a usable target term occurs inside a word
    /// of the target (folded, last letter cut): derived words the recogniser
    /// leaves out on purpose, such as possessives (Stoltenbergova) and
    /// compounds (potpredsednik), still name the concept.
    fn stem_inside(&self, id: &str, lang: &str, target: &str, folded: &mut Option<String>) -> bool {
        let Some(c) = self.glossary.concept(id) else {
            return false;
        };
        let folding = crate::text::Folding::of(lang);
        let folded = folded.get_or_insert_with(|| crate::text::fold_with(target, folding));
        c.terms
            .iter()
            .filter(|t| t.status != Status::Forbidden && lang_matches(&t.lang, lang))
            .filter_map(|t| {
                crate::text::words(&t.text)
                    .last()
                    .map(|w| crate::text::fold_with(w, folding))
            })
            .any(|w| {
                let n = w.chars().count();
                n >= 5 && {
                    // kryeministër → kryeminist (Kryeministrja), predsednik → predsedn
                    let cut = if n >= 7 { 2 } else { 1 };
                    let stem: String = w.chars().take(n - cut).collect();
                    folded.contains(&stem)
                }
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
}
