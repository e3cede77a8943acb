//! Glossary lint: findings as data, one check per kind.
//!
//! Every finding but a missing required language is an error, and edits
//! refuse to bring one in ([`new_errors`]); a concept may wait for its
//! translations, so `missing-language` is a warning.

use std::collections::HashMap;

use serde::Serialize;

use super::{Glossary, SourceMap, Status};
use crate::text::{Folding, fold_with, is_cyrillic, is_latin, is_nfc};

/// How bad a finding is: edits refuse errors, and let warnings through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    fn of(check: &str) -> Severity {
        match check {
            "missing-language" => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// One problem in the glossary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// A stable name: duplicate-id, duplicate-term, preferred-and-forbidden,
    /// missing-language, not-nfc, whitespace, invisible, mixed-script,
    /// unsorted-ids.
    pub check: &'static str,
    pub severity: Severity,
    pub concept: String,
    /// 1-based line in the glossary file, when known.
    pub line: Option<usize>,
    pub message: String,
}

/// All findings, in file order.
pub fn lint(g: &Glossary, map: &SourceMap) -> Vec<Finding> {
    let mut out = Vec::new();
    let cline = |i: usize| map.concept_lines.get(i).copied();
    let tline = |i: usize, j: usize| {
        map.term_lines
            .get(i)
            .and_then(|v| v.get(j))
            .copied()
            .or(cline(i))
    };
    let mut push = |check, concept: &str, line, message: String| {
        out.push(Finding {
            check,
            severity: Severity::of(check),
            concept: concept.to_string(),
            line,
            message,
        })
    };

    // duplicate ids
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, c) in g.concepts.iter().enumerate() {
        if let Some(first) = seen.insert(&c.id, i) {
            push(
                "duplicate-id",
                &c.id,
                cline(i),
                format!(
                    "the id `{}` is used again (first at line {})",
                    c.id,
                    cline(first).unwrap_or(0)
                ),
            );
        }
    }

    // unsorted ids
    for (i, w) in g.concepts.windows(2).enumerate() {
        if w[1].id < w[0].id {
            push(
                "unsorted-ids",
                &w[1].id,
                cline(i + 1),
                format!(
                    "`{}` comes after `{}`: keep concepts sorted by id",
                    w[1].id, w[0].id
                ),
            );
        }
    }

    // the same term in two concepts (same language, same folded text)
    let mut owner: HashMap<(String, String), (usize, &str, bool)> = HashMap::new();
    for (i, c) in g.concepts.iter().enumerate() {
        for (j, t) in c.terms.iter().enumerate() {
            let key = (t.lang.clone(), fold_with(&t.text, Folding::of(&t.lang)));
            match owner.get(&key) {
                Some((other, text, _)) if *other != i => push(
                    "duplicate-term",
                    &c.id,
                    tline(i, j),
                    format!(
                        "the {} term `{}` is also in concept `{}` (as `{}`)",
                        t.lang, t.text, g.concepts[*other].id, text
                    ),
                ),
                // the same text twice in one concept and language (preferred
                // and forbidden at once is reported below)
                Some((_, text, forbidden))
                    if crate::text::nfc(text) == crate::text::nfc(&t.text)
                        && *forbidden == (t.status == Status::Forbidden) =>
                {
                    push(
                        "duplicate-term",
                        &c.id,
                        tline(i, j),
                        format!("the {} term `{}` is given twice", t.lang, t.text),
                    )
                }
                Some(_) => {}
                None => {
                    owner.insert(key, (i, &t.text, t.status == Status::Forbidden));
                }
            }
        }
    }

    for (i, c) in g.concepts.iter().enumerate() {
        // preferred and forbidden at once
        for (j, t) in c.terms.iter().enumerate() {
            if t.status != Status::Forbidden {
                continue;
            }
            let key = crate::text::nfc(&t.text);
            if let Some(p) = c.terms.iter().find(|u| {
                u.status != Status::Forbidden
                    && crate::lang::primary(&u.lang) == crate::lang::primary(&t.lang)
                    && crate::text::nfc(&u.text) == key
            }) {
                push(
                    "preferred-and-forbidden",
                    &c.id,
                    tline(i, j),
                    format!(
                        "`{}` ({}) is both {} and forbidden",
                        t.text,
                        t.lang,
                        p.status.as_str()
                    ),
                );
            }
        }
        // missing required languages: a required language is a range, so
        // an `sq-AL` term is an `sq` term
        for lang in &g.required_languages {
            let has = c
                .terms
                .iter()
                .any(|t| crate::lang::covers(lang, &t.lang) && t.status != Status::Forbidden);
            if !has {
                push(
                    "missing-language",
                    &c.id,
                    cline(i),
                    format!("no preferred or admitted {lang} term"),
                );
            }
        }
        // text checks
        let mut texts: Vec<(Option<usize>, &str, &str)> = Vec::new();
        if let Some(n) = &c.note {
            texts.push((cline(i), "note", n));
        }
        for (j, t) in c.terms.iter().enumerate() {
            texts.push((tline(i, j), "term", &t.text));
            if let Some(n) = &t.note {
                texts.push((tline(i, j), "term note", n));
            }
        }
        for (line, what, s) in &texts {
            if !is_nfc(s) {
                push(
                    "not-nfc",
                    &c.id,
                    *line,
                    format!("the {what} `{s}` is not in NFC"),
                );
            }
            // A note may run over lines (Excel's Alt+Enter): each of its
            // lines is held to what a term is.
            let stray = |s: &str| {
                s.trim() != s || s.contains("  ") || s.contains(['\t', '\r', '\n', '\u{a0}'])
            };
            let found = if what.ends_with("note") {
                (s.trim() != *s || s.split('\n').any(stray)).then_some("has stray whitespace")
            } else if s.contains('\n') {
                Some("holds a line break (a note may hold one, a term may not)")
            } else {
                stray(s).then_some("has stray whitespace")
            };
            if let Some(found) = found {
                push(
                    "whitespace",
                    &c.id,
                    *line,
                    format!("the {what} `{}` {found}", s.escape_debug()),
                );
            }
        }
        // invisible characters: recognition reads past them, but they are
        // copied with the term into translations and into TBX for CAT tools
        for (j, t) in c.terms.iter().enumerate() {
            // ZWJ/ZWNJ shape Arabic or Indic words; in Latin or Cyrillic they are noise
            let alphabetic_only = t
                .text
                .chars()
                .filter(|ch| ch.is_alphabetic())
                .all(|ch| is_latin(ch) || is_cyrillic(ch));
            let invisible: Vec<String> = t
                .text
                .chars()
                .filter(|ch| {
                    matches!(ch, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
                        || (alphabetic_only && matches!(ch, '\u{200c}' | '\u{200d}'))
                })
                .map(|ch| format!("U+{:04X}", ch as u32))
                .collect();
            if !invisible.is_empty() {
                push(
                    "invisible",
                    &c.id,
                    tline(i, j),
                    format!(
                        "the {} term `{}` holds the invisible character {} (copied with the term into translations and exports)",
                        t.lang,
                        t.text,
                        invisible.join(", ")
                    ),
                );
            }
        }
        for (j, t) in c.terms.iter().enumerate() {
            let cyrl = super::script::lang_script(&t.lang) == Some(super::script::Script::Cyrillic);
            let bad: Vec<char> = if cyrl {
                t.text.chars().filter(|ch| is_latin(*ch)).collect()
            } else if t.lang.contains("-Latn") || !t.lang.contains('-') {
                t.text.chars().filter(|ch| is_cyrillic(*ch)).collect()
            } else {
                Vec::new()
            };
            // A Cyrillic term may name a Latin-only brand (X) if written wholly
            // in Latin with a letter Serbian lacks (q w x y); a word that
            // transliterates (`Moskva`) is the wrong script.
            let all_latin = cyrl
                && t.text.chars().filter(|ch| ch.is_alphabetic()).all(is_latin)
                && crate::text::lat_to_cyr(&t.text).chars().any(is_latin);
            if !bad.is_empty() && !all_latin {
                let letters: String = bad.iter().collect();
                push(
                    "mixed-script",
                    &c.id,
                    tline(i, j),
                    format!(
                        "the {} term `{}` has {} letters `{letters}`",
                        t.lang,
                        t.text,
                        if cyrl { "Latin" } else { "Cyrillic" }
                    ),
                );
            }
        }
    }
    out.sort_by_key(|f| f.line.unwrap_or(0));
    out
}

/// The findings of `after` that `before` does not have (an edit's doing),
/// compared without lines, which an edit moves. Errors first.
pub fn new_findings(before: &Glossary, after: &Glossary) -> Vec<Finding> {
    let no_lines = SourceMap::default();
    let key = |f: &Finding| (f.check, f.concept.clone(), f.message.clone());
    let mut old: HashMap<_, usize> = HashMap::new();
    for f in lint(before, &no_lines) {
        *old.entry(key(&f)).or_default() += 1;
    }
    let mut out: Vec<Finding> = lint(after, &no_lines)
        .into_iter()
        .filter(|f| match old.get_mut(&key(f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect();
    out.sort_by_key(|f| f.severity != Severity::Error);
    out
}

/// The errors an edit from `before` to `after` would bring in.
pub fn new_errors(before: &Glossary, after: &Glossary) -> Vec<Finding> {
    let mut out = new_findings(before, after);
    out.retain(|f| f.severity == Severity::Error);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Concept, Term};

    fn concept(id: &str, terms: &[(&str, &str)]) -> Concept {
        Concept {
            id: id.into(),
            kind: "place".into(),
            note: None,
            terms: terms
                .iter()
                .map(|(lang, text)| Term {
                    lang: lang.to_string(),
                    text: text.to_string(),
                    status: Status::Preferred,
                    case_sensitive: false,
                    exact_only: false,
                    note: None,
                })
                .collect(),
        }
    }

    #[test]
    fn only_what_an_edit_brings_in_is_new() {
        let mut before = Glossary {
            required_languages: vec!["en".into(), "sq".into()],
            concepts: vec![
                concept("a", &[("en", "Brussels")]),
                concept("c", &[("sr-Latn", "Брисел")]),
            ],
        };
        let mut after = before.clone();
        after
            .concepts
            .insert(1, concept("b", &[("en", "BRUSSELS")]));
        let new = new_findings(&before, &after);
        let checks: Vec<_> = new.iter().map(|f| (f.check, f.severity)).collect();
        // the old mixed-script term and missing languages are not the edit's
        assert_eq!(
            checks,
            [
                ("duplicate-term", Severity::Error),
                ("missing-language", Severity::Warning)
            ]
        );
        assert_eq!(new_errors(&before, &after).len(), 1);
        before.concepts.remove(1);
        after.concepts.remove(2);
        assert!(
            new_findings(&before, &after)
                .iter()
                .all(|f| f.concept == "b")
        );
    }

    fn messages(c: Concept) -> Vec<(&'static str, String)> {
        let g = Glossary {
            required_languages: Vec::new(),
            concepts: vec![c],
        };
        lint(&g, &SourceMap::default())
            .into_iter()
            .map(|f| (f.check, f.message))
            .collect()
    }

    #[test]
    fn a_note_may_hold_line_breaks_a_term_may_not() {
        let with_note = |note: &str| {
            let mut c = concept("berlin", &[("en", "Berlin")]);
            c.note = Some(note.into());
            c.terms[0].note = Some(note.into());
            messages(c)
        };
        assert_eq!(with_note("Capital.\nSee also Bonn."), []);
        assert_eq!(with_note("Capital.\n\nSecond paragraph."), []);
        // Each line is held to what a term is.
        for bad in [
            "Capital. \nSee also Bonn.",
            "Capital.\n See also Bonn.",
            "Capital.\r\nSee also Bonn.",
            "Capital.\n",
            "Capital.\nSee  also Bonn.",
        ] {
            let found = with_note(bad);
            assert_eq!(found.len(), 2, "{bad:?}: {found:?}");
            assert!(
                found.iter().all(|(check, m)| *check == "whitespace"
                    && m.ends_with("has stray whitespace")),
                "{bad:?}: {found:?}"
            );
        }
        let found = messages(concept("berlin", &[("en", "Brandenburg\nGate")]));
        assert_eq!(
            found,
            [(
                "whitespace",
                "the term `Brandenburg\\nGate` holds a line break (a note may hold one, a term may not)"
                    .to_string()
            )]
        );
    }

    #[test]
    fn a_term_given_twice_in_one_concept_is_a_duplicate() {
        let found = messages(concept(
            "moscow",
            &[("sr-Latn", "Moskva"), ("sr-Latn", "Moskva")],
        ));
        assert_eq!(
            found,
            [(
                "duplicate-term",
                "the sr-Latn term `Moskva` is given twice".to_string()
            )]
        );
        // folded alike but written differently: not a duplicate
        assert!(
            messages(concept(
                "r",
                &[("sr-Latn", "Radoičić"), ("sr-Latn", "Radoicic")]
            ))
            .is_empty()
        );
    }

    #[test]
    fn a_cyrillic_term_in_latin_is_the_wrong_script_unless_it_cannot_be_transliterated() {
        let found = messages(concept("moscow", &[("sr-Cyrl", "Moskva")]));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "mixed-script");
        assert!(messages(concept("moscow", &[("sr-Cyrl", "NATO")])).len() == 1);
        // a brand with letters Serbian lacks stays in Latin
        assert!(messages(concept("x", &[("sr-Cyrl", "X"), ("sr-Cyrl", "Twitter")])).is_empty());
        // and the other way round, as before
        assert_eq!(
            messages(concept("b", &[("sr-Latn", "Брисел")]))[0].0,
            "mixed-script"
        );
    }

    #[test]
    fn invisible_characters_in_terms_are_named() {
        for (ch, name) in [
            ('\u{ad}', "U+00AD"),
            ('\u{200b}', "U+200B"),
            ('\u{200c}', "U+200C"),
            ('\u{200d}', "U+200D"),
            ('\u{2060}', "U+2060"),
            ('\u{feff}', "U+FEFF"),
        ] {
            let term = format!("Pri{ch}ština");
            let found = messages(concept("p", &[("sr-Latn", &term)]));
            assert_eq!(found.len(), 1, "{name}: {found:?}");
            assert_eq!(found[0].0, "invisible");
            assert!(found[0].1.contains(name), "{}", found[0].1);
        }
        // ZWNJ belongs in Persian words
        assert!(messages(concept("p", &[("fa", "می\u{200c}روم")])).is_empty());
    }
}
