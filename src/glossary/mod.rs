//! The glossary of proper nouns: the model, its TOML file, term recognition
//! in running text (inflection, both Serbian scripts, diacritics), lint,
//! TBX/CSV interchange, candidates mined from the TM, and alignment anchors.
//! Pure: no printing; only [`file`] reads and writes the glossary file.
//!
//! Codemap:
//! - [`file`]: the TOML format (parse with line:column errors, edits that keep
//!   comments, atomic writes).
//! - [`inflect`]: per-language suffix rules, loaded from `data/*.txt`.
//! - [`script`]: folding one character at a time, look-alike letters, script of a word.
//! - [`find`]: the [`find::Recogniser`] (Aho–Corasick over folded stems).
//! - [`lint`]: findings as data.
//! - [`tbx`], [`csv`]: import and export.
//! - [`suggest`]: proper-noun candidates from aligned units.
//! - [`anchors`]: concepts shared by sentences of two sides, for the aligner.

pub mod anchors;
pub mod csv;
pub mod elision;
pub mod file;
pub mod find;
pub mod inflect;
pub mod lint;
pub mod script;
pub mod suggest;
pub mod tbx;

pub use anchors::{AnchorPair, anchor_pairs, sentence_concepts};
pub use file::{GlossaryFile, SourceMap};
pub use find::{MatchKind, Occurrence, Recogniser};

use serde::Serialize;

/// The default glossary file, relative to the working directory.
pub const DEFAULT_PATH: &str = "glossaries/proper-nouns.toml";

/// A glossary: settings and concepts in file order.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Glossary {
    /// Languages every concept should have a usable term in (lint).
    pub required_languages: Vec<String>,
    pub concepts: Vec<Concept>,
}

/// One concept: a person, place, organisation, title, … and its names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Concept {
    /// Stable identifier: lower case ASCII, digits and hyphens (`albin-kurti`).
    pub id: String,
    /// person, place, organisation, title, event, product, other.
    #[serde(rename = "type")]
    pub kind: String,
    /// A definition or note for translators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Terms in file order (grouped by language in the file).
    pub terms: Vec<Term>,
}

/// A glossary read from a TBX or CSV file for `tm glossary import`: its
/// concepts, where each starts, and what the file gives at all.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub glossary: Glossary,
    pub lines: SourceMap,
    pub carries: Carries,
    /// What reading the file changed or could not keep.
    pub read: ReadReport,
}

/// What reading an imported file changed or left out, for its summary:
/// nothing is changed or dropped unsaid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadReport {
    /// Each language tag as written, with the tag it was read as
    /// (`SR-SP-Latn` → `sr-Latn`, `EN-US` → `en-US`), once per tag.
    pub tags: Vec<(String, String)>,
    /// Status values that name no status one-to-one (`supersededTerm-admn-sts`,
    /// `obsolete`), the status each was read as, and on how many terms.
    pub statuses: Vec<(String, Status, usize)>,
    /// Notes (of a concept or a term) joined from several elements of the
    /// file: a definition and a note, one per language.
    pub notes_joined: usize,
    /// Data the glossary has no place for, by data category (`subjectField`,
    /// `transacGrp`), with how many were left out.
    pub left_out: Vec<(String, usize)>,
}

impl ReadReport {
    /// Count one `category` left out.
    pub fn leave_out(&mut self, category: &str) {
        match self.left_out.iter_mut().find(|(c, _)| c == category) {
            Some((_, n)) => *n += 1,
            None => self.left_out.push((category.to_string(), 1)),
        }
    }

    /// Count one term whose status `value` was read as `status`.
    pub fn status_read_as(&mut self, value: &str, status: Status) {
        match self.statuses.iter_mut().find(|(v, _, _)| v == value) {
            Some((_, _, n)) => *n += 1,
            None => self.statuses.push((value.to_string(), status, 1)),
        }
    }
}

/// What an imported file gives for its concepts: the languages it has (a
/// CSV column, a TBX langSet anywhere in the file), and whether it gives
/// types and notes at all. Something a file does not carry is no change to
/// a concept the glossary has: a TBX in en and de replaces a concept's en
/// and de terms and keeps its fr ones, its type and its note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carries {
    pub languages: Vec<String>,
    pub kind: bool,
    pub note: bool,
    /// Concepts the file gives no type for, though it gives types (an empty
    /// `type` cell, a termEntry without one): every concept has a type, so
    /// a missing one is no change, where a missing note may be one.
    pub untyped: Vec<String>,
}

impl Carries {
    /// Everything `g` has: its languages, types and notes (a file that
    /// is the whole of `g`).
    pub fn all_of(g: &Glossary) -> Carries {
        Carries {
            languages: g.languages().into_iter().map(String::from).collect(),
            kind: true,
            note: true,
            untyped: Vec::new(),
        }
    }

    /// Does the file give concept `id` a type?
    pub fn gives_type(&self, id: &str) -> bool {
        self.kind && !self.untyped.iter().any(|u| u == id)
    }

    /// Add a language, once.
    pub fn language(&mut self, lang: &str) {
        if !self.languages.iter().any(|l| l == lang) {
            self.languages.push(lang.to_string());
        }
    }

    /// `old` as the file gives it in `new`: the languages, type and note
    /// the file carries are taken from `new` (a carried language `new` has
    /// no term in is dropped); the others stay as in `old`, in its order.
    pub fn applied(&self, old: &Concept, new: &Concept) -> Concept {
        let carried = |lang: &str| self.languages.iter().any(|l| l == lang);
        let mut terms: Vec<Term> = Vec::with_capacity(old.terms.len().max(new.terms.len()));
        let mut langs = old.languages();
        for lang in new.languages() {
            if !langs.contains(&lang) {
                langs.push(lang);
            }
        }
        for lang in langs {
            let from = if carried(lang) || !old.terms.iter().any(|t| t.lang == lang) {
                new
            } else {
                old
            };
            terms.extend(from.terms.iter().filter(|t| t.lang == lang).cloned());
        }
        Concept {
            id: new.id.clone(),
            kind: if self.gives_type(&new.id) {
                &new.kind
            } else {
                &old.kind
            }
            .clone(),
            note: if self.note { &new.note } else { &old.note }.clone(),
            terms,
        }
    }
}

/// A name of a concept in one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// BCP 47 tag (`sq`, `sr-Latn`, `sr-Cyrl`).
    pub lang: String,
    pub text: String,
    pub status: Status,
    /// Match only with the same capitalisation (acronyms: NATO, BE, X).
    #[serde(skip_serializing_if = "is_false")]
    pub case_sensitive: bool,
    /// Match only this form: no inflection, no diacritic folding.
    #[serde(skip_serializing_if = "is_false")]
    pub exact_only: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Term status, as in TBX `administrativeStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Preferred,
    Admitted,
    Forbidden,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Forbidden => "forbidden",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "preferred" => Some(Status::Preferred),
            "admitted" => Some(Status::Admitted),
            "forbidden" => Some(Status::Forbidden),
            _ => None,
        }
    }
}

/// Concept types the file accepts.
pub const CONCEPT_TYPES: &[&str] = &[
    "person",
    "place",
    "organisation",
    "title",
    "event",
    "product",
    "other",
];

/// True for a well-formed concept id.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// Why `id` is not a valid concept id: the rule, and what breaks it.
pub fn id_rule(id: &str) -> String {
    let what = if id.is_empty() {
        "it is empty".to_string()
    } else if id.starts_with('-') {
        "it starts with a hyphen".to_string()
    } else if id.ends_with('-') {
        "it ends with a hyphen".to_string()
    } else if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        format!("`{c}` is not allowed")
    } else {
        "it is not valid".to_string()
    };
    format!(
        "the id `{id}` must be lower-case ASCII letters (a-z), digits and hyphens, not starting or ending with a hyphen: {what}"
    )
}

impl Glossary {
    pub fn concept(&self, id: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.id == id)
    }

    /// The languages the glossary names: its required languages, then
    /// those of its terms, in first-seen order.
    pub fn languages(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let terms = self.concepts.iter().flat_map(|c| &c.terms);
        for l in (self.required_languages.iter()).chain(terms.map(|t| &t.lang)) {
            if !out.contains(&l.as_str()) {
                out.push(l);
            }
        }
        out
    }
}

/// Read the regional tags of `imported` (MultiTerm writes `EN-US`, `sq-AL`,
/// `sr-Latn-RS`) as the languages of `glossary`: a tag the glossary does not
/// have becomes the most specific of its languages that covers it (`sq-AL`
/// → `sq`, `sr-Latn-RS` → `sr-Latn`), unless regions are told apart there,
/// by the glossary (it has another tag under that language: `en-GB` beside
/// `en`) or by the imported file (it has two tags that would become one).
/// The glossary's other files, checks and columns then see one tag per
/// language. Returns each tag read otherwise, with what it was read as.
pub fn read_as_languages_of(imported: &mut Glossary, glossary: &Glossary) -> Vec<(String, String)> {
    let have = glossary.languages();
    let theirs: Vec<String> = imported.languages().into_iter().map(String::from).collect();
    let target = |tag: &str| crate::lang::read_as_one_of(tag, &have);
    let mut read_as: Vec<(String, String)> = theirs
        .iter()
        .filter_map(|t| target(t).map(|to| (t.clone(), to.to_string())))
        .collect();
    // Two of the file's tags that would become one stay as they are.
    let apart = |to: &str| {
        theirs
            .iter()
            .filter(|t| *t == to || target(t) == Some(to))
            .count()
            > 1
    };
    read_as.retain(|(_, to)| !apart(to));
    if read_as.is_empty() {
        return read_as;
    }
    let map = |tag: &mut String| {
        if let Some((_, to)) = read_as.iter().find(|(from, _)| from == tag) {
            *tag = to.clone();
        }
    };
    for c in &mut imported.concepts {
        for t in &mut c.terms {
            map(&mut t.lang);
        }
    }
    for l in &mut imported.required_languages {
        map(l);
    }
    read_as
}

impl Concept {
    /// Languages of the concept's terms, in first-seen order.
    pub fn languages(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for t in &self.terms {
            if !out.contains(&t.lang.as_str()) {
                out.push(&t.lang);
            }
        }
        out
    }

    /// The concept's label: its first preferred English term, else its first
    /// preferred term, else its id.
    pub fn label(&self) -> &str {
        self.terms
            .iter()
            .find(|t| t.lang == "en" && t.status == Status::Preferred)
            .or_else(|| self.terms.iter().find(|t| t.status == Status::Preferred))
            .map(|t| t.text.as_str())
            .unwrap_or(&self.id)
    }
}

/// True if terms in `term_lang` are used for text in `text_lang`: the same
/// tag, or the same primary language (so `sr-Latn` and `sr-Cyrl` terms both
/// serve Serbian text in either script).
pub fn lang_matches(term_lang: &str, text_lang: &str) -> bool {
    term_lang.eq_ignore_ascii_case(text_lang)
        || crate::lang::primary(term_lang).eq_ignore_ascii_case(crate::lang::primary(text_lang))
}

/// How far a term's language is from the text's, for choosing the term to
/// propose (None: another language). 0 the same tag; 1 one covers the other
/// (`sr-Latn` and `sr-Latn-RS`, as MultiTerm writes them); 2 the same
/// language and script, another region or no script said (`sr` and
/// `sr-Latn-RS`); 3 another script (`sr-Cyrl-RS` for `sr-Latn` text), which
/// recognition reads but a translator must not be told to type.
pub fn lang_distance(term_lang: &str, text_lang: &str) -> Option<u8> {
    if !lang_matches(term_lang, text_lang) {
        return None;
    }
    let script = |tag: &str| {
        tag.split('-')
            .skip(1)
            .find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()))
            .map(str::to_ascii_lowercase)
    };
    Some(if term_lang.eq_ignore_ascii_case(text_lang) {
        0
    } else if matches!((script(term_lang), script(text_lang)), (Some(a), Some(b)) if a != b) {
        3
    } else if crate::lang::covers(term_lang, text_lang) || crate::lang::covers(text_lang, term_lang)
    {
        1
    } else {
        2
    })
}

#[cfg(test)]
mod lang_tests {
    use super::{Glossary, lang_distance, read_as_languages_of};

    #[test]
    fn region_subtags_keep_the_script() {
        assert_eq!(lang_distance("sr-Latn", "sr-Latn"), Some(0));
        assert_eq!(lang_distance("sr-Latn-RS", "sr-Latn"), Some(1));
        assert_eq!(lang_distance("sr-latn", "sr-Latn-RS"), Some(1));
        assert_eq!(lang_distance("sr-Latn-ME", "sr-Latn-RS"), Some(2));
        assert_eq!(lang_distance("sr", "sr-Cyrl"), Some(1));
        assert_eq!(lang_distance("sr-Cyrl-RS", "sr-Latn"), Some(3));
        assert_eq!(lang_distance("sr-Cyrl", "sr-Latn-RS"), Some(3));
        assert_eq!(lang_distance("sq", "sr-Latn"), None);
    }

    #[test]
    fn regional_tags_are_read_as_the_glossarys_languages() {
        let g = |langs: &[&str]| Glossary {
            required_languages: langs.iter().map(|l| l.to_string()).collect(),
            concepts: Vec::new(),
        };
        let read = |imported: &[&str], glossary: &[&str]| {
            let mut i = g(imported);
            let pairs = read_as_languages_of(&mut i, &g(glossary));
            (pairs, i.required_languages)
        };
        let p = |a: &str, b: &str| (a.to_string(), b.to_string());
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let ours = ["en", "sq", "sr", "sr-Latn", "sr-Cyrl"];
        assert_eq!(
            read(&["en-US", "sq-AL", "sr-Latn-RS", "sr-RS", "de-DE"], &ours),
            (
                vec![
                    p("en-US", "en"),
                    p("sq-AL", "sq"),
                    p("sr-Latn-RS", "sr-Latn")
                ],
                s(&["en", "sq", "sr-Latn", "sr-RS", "de-DE"])
            )
        );
        // `sr` has sr-Latn and sr-Cyrl under it: sr-RS says no script, stays
        assert_eq!(read(&["sr-RS"], &ours).0, []);
        // the glossary tells en-GB from en
        assert_eq!(
            read(&["en-US", "sq-AL"], &["en", "en-GB", "sq"]).0,
            [p("sq-AL", "sq")]
        );
        // the file tells en-US from en-GB, or from en
        assert_eq!(read(&["en-US", "en-GB"], &["en"]).0, []);
        assert_eq!(read(&["en", "en-US"], &["en"]).0, []);
        // an empty glossary has no languages to read them as
        assert_eq!(read(&["en-US"], &[]).0, []);
    }
}
