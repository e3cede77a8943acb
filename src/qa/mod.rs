//! Quality checks of translations: terminology, numbers, consistency,
//! untranslated and empty targets, punctuation and form, script and Unicode,
//! length ratio, placeholders and tags. Pure: findings are data; only the
//! CLI renders them.
//!
//! Codemap:
//! - this file: the check registry ([`CHECKS`]: id, family, default severity),
//!   [`Finding`], [`Pair`] (one source/target pair to check).
//! - [`config`]: the `[qa]` table of the workspace file `tm.toml`.
//! - [`engine`]: [`engine::Checker`] runs the per-pair checks; [`engine::run`]
//!   streams pairs to worker threads and keeps the cross-TM state (consistency).
//! - one file per check family: [`terminology`], [`numbers`], [`consistency`],
//!   [`untranslated`], [`punctuation`], [`unicode`], [`length`], [`placeholders`].
//!
//! Invariant: a check returns [`Hit`]s (id, message, byte span in the target);
//! severity, ignores and location are applied once, in the engine.

pub mod config;
pub mod consistency;
pub mod engine;
pub mod length;
pub mod numbers;
pub mod placeholders;
pub mod punctuation;
pub mod terminology;
pub mod unicode;
pub mod untranslated;

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

pub use config::Config;
pub use engine::{Checker, Report};

/// How serious a finding is. Ordered: info < warning < error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A check: its id (what `tm.toml` and the reports name), its family, its
/// default severity and what it looks for.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CheckInfo {
    pub id: &'static str,
    pub family: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

const fn check(
    id: &'static str,
    family: &'static str,
    severity: Severity,
    summary: &'static str,
) -> CheckInfo {
    CheckInfo {
        id,
        family,
        severity,
        summary,
    }
}

use Severity::{Error as E, Info as I, Warning as W};

/// Every check, in report order.
pub const CHECKS: &[CheckInfo] = &[
    check(
        "term-missing",
        "terminology",
        E,
        "a glossary concept of the source whose approved target term (any inflected form, either Serbian script) is not in the target",
    ),
    check(
        "term-forbidden",
        "terminology",
        E,
        "a term the glossary marks forbidden is used in the target",
    ),
    check(
        "term-diacritics",
        "terminology",
        W,
        "a glossary name written without its diacritics (Radoicic for Radoičić)",
    ),
    check(
        "number-missing",
        "numbers",
        E,
        "a number of the source is not in the target (by value, under each language's conventions)",
    ),
    check(
        "number-extra",
        "numbers",
        W,
        "a number in the target that the source does not have",
    ),
    check(
        "number-misread",
        "numbers",
        E,
        "a number left in the source language's separators that the target's reader reads as another value (en 4,500 is 4,5 in de, fr, sq, sr: write 4.500, 4 500)",
    ),
    check(
        "number-format",
        "numbers",
        I,
        "a number written with the source language's separators (4,500.5 where sq and sr write 4.500,5)",
    ),
    check(
        "date-month",
        "numbers",
        E,
        "a month named in the source (September 24, June) is not named in the target, in any form (24 shtator, 24. septembar, jun, lipanj)",
    ),
    check(
        "inconsistent-target",
        "consistency",
        W,
        "the same source text is translated differently elsewhere in the TM",
    ),
    check(
        "inconsistent-source",
        "consistency",
        I,
        "the same target text translates different source texts",
    ),
    check(
        "untranslated",
        "untranslated",
        W,
        "the target equals the source (texts of names only are allowed)",
    ),
    check("empty-target", "untranslated", E, "the target is empty"),
    check(
        "missing-language",
        "untranslated",
        E,
        "a unit has no text in a language tm.toml requires",
    ),
    check(
        "final-punctuation",
        "punctuation",
        W,
        "the source and the target end with different punctuation",
    ),
    check(
        "unpaired-quote",
        "punctuation",
        W,
        "a quotation mark without its pair (by the target language's quotes)",
    ),
    check(
        "unpaired-bracket",
        "punctuation",
        W,
        "a bracket without its pair",
    ),
    check("double-space", "punctuation", I, "two spaces in a row"),
    check(
        "edge-space",
        "punctuation",
        I,
        "leading or trailing spaces that the source does not have",
    ),
    check(
        "doubled-word",
        "punctuation",
        W,
        "the same word twice in a row",
    ),
    check(
        "space-before-punctuation",
        "punctuation",
        I,
        "a space before , . ; : ! ?",
    ),
    check(
        "mixed-script",
        "unicode",
        E,
        "a word mixing Latin and Cyrillic letters (look-alikes); in Serbian, a whole word typed on the other keyboard",
    ),
    check("not-nfc", "unicode", W, "the target is not in Unicode NFC"),
    check(
        "invisible-char",
        "unicode",
        W,
        "an invisible or control character in the target",
    ),
    check(
        "length-ratio",
        "length",
        I,
        "the target is far longer or shorter than the language pair's usual ratio",
    ),
    check(
        "placeholder-mismatch",
        "placeholders",
        E,
        "placeholders ({0}, %s) of the source and the target differ",
    ),
    check(
        "tag-mismatch",
        "placeholders",
        E,
        "markup tags (<b>…</b>, TMX inline codes) of the source and the target differ",
    ),
];

/// The registry entry of a check id.
pub fn check_info(id: &str) -> Option<&'static CheckInfo> {
    CHECKS.iter().find(|c| c.id == id)
}

/// One source/target pair to check: a unit of the TM in two languages, or a
/// bead of an alignment of two files.
#[derive(Debug, Clone)]
pub struct Pair {
    /// The TM unit (None for a pair from files).
    pub unit: Option<i64>,
    /// The document (TM) or the target file name.
    pub document: Option<Arc<str>>,
    pub src_lang: Arc<str>,
    pub lang: Arc<str>,
    pub source: Arc<str>,
    pub target: Arc<str>,
    /// The TMX inline markup of the source and the target, when they have
    /// any (see [`crate::interchange::Variant::markup`]).
    pub source_markup: Option<String>,
    pub target_markup: Option<String>,
    /// Line and column (1-based, in characters) where the target starts in its file.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// What one check found in one pair, before severity and location are applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub check: &'static str,
    pub message: String,
    /// Byte range in the target.
    pub span: Option<Range<usize>>,
}

impl Hit {
    pub fn new(check: &'static str, message: String) -> Hit {
        Hit {
            check,
            message,
            span: None,
        }
    }

    pub fn at(check: &'static str, message: String, span: Range<usize>) -> Hit {
        Hit {
            check,
            message,
            span: Some(span),
        }
    }
}

/// A character span in the target (0-based, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A finding, as reported.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub check: &'static str,
    pub severity: Severity,
    /// What is wrong and what to do.
    pub message: String,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_opt_arc"
    )]
    pub document: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<i64>,
    #[serde(serialize_with = "ser_arc")]
    pub src_lang: Arc<str>,
    #[serde(serialize_with = "ser_arc")]
    pub lang: Arc<str>,
    /// Line and column (1-based) in the input file, for pairs from files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Characters of the target the finding is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// Shared with the pair's other findings.
    #[serde(serialize_with = "ser_arc")]
    pub source: Arc<str>,
    #[serde(serialize_with = "ser_arc")]
    pub target: Arc<str>,
    /// The source and target with their inline codes where they stand
    /// (`Click <b>Save</b>`), when they have any: `source` and `target`
    /// are the plain text the checks (and `span`) read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_with_codes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_with_codes: Option<String>,
}

fn ser_arc<S: serde::Serializer>(v: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v)
}

fn ser_opt_arc<S: serde::Serializer>(v: &Option<Arc<str>>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_str(v),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_ids_are_unique_and_kebab_case() {
        let mut ids: Vec<&str> = CHECKS.iter().map(|c| c.id).collect();
        assert!(
            ids.iter()
                .all(|i| i.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        );
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), CHECKS.len());
    }
}
