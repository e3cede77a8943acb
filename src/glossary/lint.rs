//! Glossary lint: findings as data, one check per kind.

use std::collections::HashMap;

use serde::Serialize;

use super::{Glossary, SourceMap, Status};
use crate::text::{Folding, fold_with, is_cyrillic, is_latin, is_nfc};

/// One problem in the glossary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// A stable name: duplicate-id, duplicate-term, preferred-and-forbidden,
    /// missing-language, not-nfc, whitespace, mixed-script, unsorted-ids.
    pub check: &'static str,
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
    let mut owner: HashMap<(String, String), (usize, &str)> = HashMap::new();
    for (i, c) in g.concepts.iter().enumerate() {
        for (j, t) in c.terms.iter().enumerate() {
            let key = (t.lang.clone(), fold_with(&t.text, Folding::of(&t.lang)));
            match owner.get(&key) {
                Some((other, text)) if *other != i => push(
                    "duplicate-term",
                    &c.id,
                    tline(i, j),
                    format!(
                        "the {} term `{}` is also in concept `{}` (as `{}`)",
                        t.lang, t.text, g.concepts[*other].id, text
                    ),
                ),
                Some(_) => {}
                None => {
                    owner.insert(key, (i, &t.text));
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
        // missing required languages
        for lang in &g.required_languages {
            let has = c
                .terms
                .iter()
                .any(|t| t.lang == *lang && t.status != Status::Forbidden);
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
            if s.trim() != *s || s.contains("  ") || s.contains(['\t', '\n', '\u{a0}']) {
                push(
                    "whitespace",
                    &c.id,
                    *line,
                    format!("the {what} `{}` has stray whitespace", s.escape_debug()),
                );
            }
        }
        for (j, t) in c.terms.iter().enumerate() {
            let cyrl = t.lang.contains("-Cyrl")
                || matches!(
                    crate::lang::primary(&t.lang),
                    "ru" | "uk" | "bg" | "mk" | "be"
                );
            let bad: Vec<char> = if cyrl {
                t.text.chars().filter(|ch| is_latin(*ch)).collect()
            } else if t.lang.contains("-Latn") || !t.lang.contains('-') {
                t.text.chars().filter(|ch| is_cyrillic(*ch)).collect()
            } else {
                Vec::new()
            };
            // A Cyrillic term may name a Latin-only brand (X) if written wholly in Latin.
            let all_latin = cyrl && t.text.chars().filter(|ch| ch.is_alphabetic()).all(is_latin);
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
