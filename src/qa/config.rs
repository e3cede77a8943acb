//! The `[qa]` table of the workspace file `tm.toml`: which checks run and how
//! severe they are, required languages, length ratios, and per-unit ignores
//! that carry a reason (so a false positive is silenced once, reviewably).
//!
//! ```toml
//! [qa]
//! source-language = "en"
//! glossary = "glossaries/proper-nouns.toml"
//! required-languages = ["sq", "sr-Latn"]
//! disable = ["length-ratio"]        # or enable = [...] to run only those
//! fail-on = "warning"               # error (default), warning, info or never
//!
//! [qa.severity]
//! double-space = "warning"
//!
//! [qa.length-ratio]
//! tolerance = 2.5                   # flag below expected/2.5 or above expected*2.5
//! en-sq = 1.12                      # expected target/source length in characters
//!
//! [[qa.ignore]]
//! check = "number-missing"
//! unit = 12                         # or source = "…" (the source text), or line = 7
//! lang = "sq"
//! reason = "the translation spells the number out"
//! ```
//!
//! `[segment]` belongs to the segmenter. Any other top-level table is
//! reported: one that differs from `[qa]` or `[segment]` only in case
//! (`[QA]`) is an error, another a warning ([`Config::warnings`]), since
//! settings nobody reads would silently change nothing.

use std::path::{Path, PathBuf};

use toml_edit::{Item, Table};

use super::{CHECKS, Finding, Severity, check_info};
use crate::glossary::file::FileError;

/// The default workspace file.
pub const DEFAULT_PATH: &str = "tm.toml";

/// QA settings, defaults when there is no file.
#[derive(Debug, Clone)]
pub struct Config {
    /// The source language of TM units (default: en).
    pub source_language: Option<String>,
    pub glossary: Option<PathBuf>,
    pub required_languages: Vec<String>,
    /// Per check (in [`CHECKS`] order): its severity, or None when disabled.
    pub severities: Vec<Option<Severity>>,
    /// Findings at or above this fail the run; None when none do
    /// (`fail-on = "never"`). Default: error.
    pub fail_on: Option<Severity>,
    /// Expected target/source length ratios: (source, target, ratio).
    pub ratios: Vec<(String, String, f64)>,
    pub tolerance: f64,
    pub ignores: Vec<Ignore>,
    /// What the file holds that nothing reads (`tm.toml:2: unknown table
    /// [align] …`), for the CLI to show.
    pub warnings: Vec<String>,
}

/// The top-level tables of `tm.toml`.
const TABLES: &[&str] = &["qa", "segment"];

/// A silenced finding: the check and where, with the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Ignore {
    pub check: String,
    pub unit: Option<i64>,
    pub source: Option<String>,
    pub lang: Option<String>,
    pub document: Option<String>,
    pub line: Option<usize>,
    pub reason: String,
    /// Where the entry is written: `tm.toml:12`.
    pub at: String,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            source_language: None,
            glossary: None,
            required_languages: Vec::new(),
            severities: CHECKS.iter().map(|c| Some(c.severity)).collect(),
            fail_on: Some(Severity::Error),
            ratios: Vec::new(),
            tolerance: 2.5,
            ignores: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

impl Config {
    /// Load `path`, or the defaults if it does not exist.
    pub fn load_or_default(path: &Path) -> anyhow::Result<Config> {
        let Some(text) = crate::doc::read_workspace_file(path)? else {
            return Ok(Config::default());
        };
        let name = path.display().to_string();
        let mut c = parse(&name, &text)?;
        // A relative glossary path is relative to the workspace file.
        if let (Some(g), Some(dir)) = (&c.glossary, path.parent())
            && g.is_relative()
        {
            c.glossary = Some(dir.join(g));
        }
        // A glossary that is not there would turn the terminology checks
        // off without a word: CI would pass while checking nothing.
        if let Some(g) = &c.glossary
            && !g.exists()
        {
            let at = toml_edit::Document::parse(text.clone())
                .ok()
                .and_then(|d| d.get("qa")?.get("glossary")?.span())
                .map(|s| s.start);
            let msg = format!(
                "there is no glossary at {} (`glossary` is relative to {name})",
                g.display()
            );
            return Err(FileError::at(&name, &text, at, msg).into());
        }
        Ok(c)
    }

    /// The severity of check `id`, None if it is disabled.
    pub fn severity(&self, id: &str) -> Option<Severity> {
        let i = CHECKS.iter().position(|c| c.id == id)?;
        self.severities[i]
    }

    pub fn enabled(&self, id: &str) -> bool {
        self.severity(id).is_some()
    }

    /// The index of the ignore entry that silences `f`, if any.
    pub fn ignored(&self, f: &Finding) -> Option<usize> {
        self.ignores.iter().position(|i| {
            i.check == f.check
                && i.unit.is_none_or(|u| f.unit == Some(u))
                && i.line.is_none_or(|l| f.line == Some(l))
                && i.lang
                    .as_deref()
                    .is_none_or(|l| crate::lang::covers(l, &f.lang))
                && i.document
                    .as_deref()
                    .is_none_or(|d| f.document.as_deref() == Some(d))
                && i.source
                    .as_deref()
                    .is_none_or(|s| s.trim() == f.source.trim())
        })
    }
}

struct Ctx<'a> {
    path: &'a str,
    text: &'a str,
}

impl Ctx<'_> {
    fn err(&self, pos: Option<usize>, message: impl Into<String>) -> FileError {
        FileError::at(self.path, self.text, pos, message)
    }
}

fn pos(item: &Item) -> Option<usize> {
    item.span().map(|s| s.start)
}

/// Parse the text of `tm.toml`; `path` is only used in messages.
pub fn parse(path: &str, text: &str) -> Result<Config, FileError> {
    let cx = Ctx { path, text };
    let doc = toml_edit::Document::parse(text.to_string()).map_err(|e| {
        let msg = e.message().trim().to_string();
        cx.err(e.span().map(|s| s.start), format!("invalid TOML: {msg}"))
    })?;
    let mut c = Config::default();
    for (key, _) in doc.as_table().iter() {
        if TABLES.contains(&key) {
            continue;
        }
        let at = doc
            .as_table()
            .key(key)
            .and_then(|k| k.span())
            .map(|s| s.start);
        if let Some(known) = TABLES.iter().find(|t| t.eq_ignore_ascii_case(key)) {
            return Err(cx.err(
                at,
                format!("unknown table `{key}`: names are case-sensitive, write [{known}]"),
            ));
        }
        let e = cx.err(
            at,
            format!("unknown table `{key}`, read by no command (tm.toml has [qa] and [segment])"),
        );
        c.warnings
            .push(format!("{}:{}: {}", e.path, e.line, e.message));
    }
    let Some(qa) = doc.as_table().get("qa") else {
        return Ok(c);
    };
    let qa = qa
        .as_table()
        .ok_or_else(|| cx.err(pos(qa), "`qa` must be a table ([qa])"))?;
    let mut enable: Option<Vec<String>> = None;
    let mut disable: Vec<(String, Option<usize>)> = Vec::new();
    for (key, item) in qa.iter() {
        let p = qa.key(key).and_then(|k| k.span()).map(|s| s.start);
        match key {
            "source-language" => c.source_language = Some(lang(&cx, item)?),
            "glossary" => c.glossary = Some(PathBuf::from(string(&cx, item, key)?)),
            "required-languages" => {
                c.required_languages = strings(&cx, item, key)?
                    .iter()
                    .map(|(s, p)| {
                        crate::lang::canonical(s).map_err(|e| cx.err(*p, format!("{e:#}")))
                    })
                    .collect::<Result<_, _>>()?
            }
            "enable" => enable = Some(check_ids(&cx, item, key)?),
            "disable" => {
                disable = check_ids(&cx, item, key)?
                    .into_iter()
                    .map(|id| (id, pos(item)))
                    .collect()
            }
            "fail-on" => c.fail_on = fail_on(&cx, item)?,
            "severity" => {
                let t = table(&cx, item, key)?;
                for (id, v) in t.iter() {
                    let i = CHECKS.iter().position(|c| c.id == id).ok_or_else(|| {
                        cx.err(
                            t.key(id).and_then(|k| k.span()).map(|s| s.start),
                            unknown_check(id),
                        )
                    })?;
                    c.severities[i] = Some(severity(&cx, v)?);
                }
            }
            "length-ratio" => {
                let t = table(&cx, item, key)?;
                for (k, v) in t.iter() {
                    let n = v
                        .as_float()
                        .or_else(|| v.as_integer().map(|i| i as f64))
                        .filter(|n| *n > 0.0)
                        .ok_or_else(|| {
                            cx.err(pos(v), format!("`{k}` must be a positive number"))
                        })?;
                    if k == "tolerance" {
                        if n <= 1.0 {
                            return Err(cx.err(pos(v), "`tolerance` must be more than 1"));
                        }
                        c.tolerance = n;
                        continue;
                    }
                    let Some((a, b)) = k.split_once(':').or_else(|| split_pair(k)) else {
                        return Err(cx.err(
                            pos(v),
                            format!("`{k}`: write a language pair as \"en:sq\" (or tolerance)"),
                        ));
                    };
                    let canon = |l: &str| {
                        crate::lang::canonical(l).map_err(|e| cx.err(pos(v), format!("{e:#}")))
                    };
                    c.ratios.push((canon(a)?, canon(b)?, n));
                }
            }
            "ignore" => {
                let aot = item
                    .as_array_of_tables()
                    .ok_or_else(|| cx.err(p, "ignores are written as [[qa.ignore]] blocks"))?;
                for t in aot.iter() {
                    c.ignores.push(ignore(&cx, t)?);
                }
            }
            other => {
                return Err(cx.err(
                    p,
                    format!(
                        "unknown key `{other}` in [qa] (expected source-language, glossary, required-languages, enable, disable, fail-on, severity, length-ratio or ignore)"
                    ),
                ));
            }
        }
    }
    if let Some(only) = enable {
        // Both would run nothing of it, surely not what was meant.
        if let Some((id, at)) = disable.iter().find(|(d, _)| only.contains(d)) {
            return Err(cx.err(
                *at,
                format!("check `{id}` is in both `enable` and `disable`: keep it in one"),
            ));
        }
        for (i, ch) in CHECKS.iter().enumerate() {
            if !only.iter().any(|o| o == ch.id) {
                c.severities[i] = None;
            }
        }
    }
    for (id, _) in disable {
        if let Some(i) = CHECKS.iter().position(|c| c.id == id) {
            c.severities[i] = None;
        }
    }
    Ok(c)
}

/// `en-sq` → (en, sq); tags with subtags need `:` (`en:sr-Latn`).
fn split_pair(k: &str) -> Option<(&str, &str)> {
    let (a, b) = k.split_once('-')?;
    (!b.contains('-')).then_some((a, b))
}

fn unknown_check(id: &str) -> String {
    format!("unknown check `{id}` (see `tm qa --list-checks`)")
}

fn table<'a>(
    cx: &Ctx,
    item: &'a Item,
    key: &str,
) -> Result<&'a dyn toml_edit::TableLike, FileError> {
    item.as_table_like()
        .ok_or_else(|| cx.err(pos(item), format!("`{key}` must be a table")))
}

fn string<'a>(cx: &Ctx, item: &'a Item, key: &str) -> Result<&'a str, FileError> {
    item.as_str()
        .ok_or_else(|| cx.err(pos(item), format!("`{key}` must be a string")))
}

fn lang(cx: &Ctx, item: &Item) -> Result<String, FileError> {
    let s = string(cx, item, "source-language")?;
    crate::lang::canonical(s).map_err(|e| cx.err(pos(item), format!("{e:#}")))
}

fn severity(cx: &Ctx, item: &Item) -> Result<Severity, FileError> {
    item.as_str().and_then(Severity::parse).ok_or_else(|| {
        cx.err(
            pos(item),
            "a severity is \"error\", \"warning\" or \"info\"",
        )
    })
}

/// `fail-on`: a severity, or "never" (the levels of `tm qa --fail-on`).
fn fail_on(cx: &Ctx, item: &Item) -> Result<Option<Severity>, FileError> {
    match item.as_str() {
        Some("never") => Ok(None),
        s => s.and_then(Severity::parse).map(Some).ok_or_else(|| {
            cx.err(
                pos(item),
                "fail-on is \"error\", \"warning\", \"info\" or \"never\"",
            )
        }),
    }
}

fn strings(cx: &Ctx, item: &Item, key: &str) -> Result<Vec<(String, Option<usize>)>, FileError> {
    let arr = item
        .as_array()
        .ok_or_else(|| cx.err(pos(item), format!("`{key}` must be an array of strings")))?;
    arr.iter()
        .map(|v| {
            let p = v.span().map(|s| s.start);
            v.as_str()
                .map(|s| (s.to_string(), p))
                .ok_or_else(|| cx.err(p, format!("`{key}` must be an array of strings")))
        })
        .collect()
}

fn check_ids(cx: &Ctx, item: &Item, key: &str) -> Result<Vec<String>, FileError> {
    let ids = strings(cx, item, key)?;
    for (id, p) in &ids {
        if check_info(id).is_none() {
            return Err(cx.err(*p, unknown_check(id)));
        }
    }
    Ok(ids.into_iter().map(|(s, _)| s).collect())
}

fn ignore(cx: &Ctx, t: &Table) -> Result<Ignore, FileError> {
    let start = t.span().map(|s| s.start);
    let mut ig = Ignore {
        check: String::new(),
        unit: None,
        source: None,
        lang: None,
        document: None,
        line: None,
        reason: String::new(),
        at: format!(
            "{}:{}",
            cx.path,
            start.map_or(1, |p| cx.text[..p.min(cx.text.len())].matches('\n').count()
                + 1)
        ),
    };
    for (k, v) in t.iter() {
        match k {
            "check" => {
                let id = string(cx, v, k)?;
                if check_info(id).is_none() {
                    return Err(cx.err(pos(v), unknown_check(id)));
                }
                ig.check = id.to_string();
            }
            "unit" | "line" => {
                let n = v
                    .as_integer()
                    .filter(|n| *n >= 0)
                    .ok_or_else(|| cx.err(pos(v), format!("`{k}` must be a number")))?;
                if k == "unit" {
                    ig.unit = Some(n);
                } else {
                    ig.line = Some(n as usize);
                }
            }
            "source" => ig.source = Some(string(cx, v, k)?.to_string()),
            "document" => ig.document = Some(string(cx, v, k)?.to_string()),
            "lang" => {
                let s = string(cx, v, k)?;
                ig.lang =
                    Some(crate::lang::canonical(s).map_err(|e| cx.err(pos(v), format!("{e:#}")))?);
            }
            "reason" => ig.reason = string(cx, v, k)?.trim().to_string(),
            other => {
                return Err(cx.err(
                    pos(v),
                    format!("unknown key `{other}` in [[qa.ignore]] (expected check, unit, source, line, document, lang, reason)"),
                ));
            }
        }
    }
    if ig.check.is_empty() {
        return Err(cx.err(start, "an [[qa.ignore]] needs `check` (the check id)"));
    }
    if ig.reason.is_empty() {
        return Err(cx.err(
            start,
            format!("the [[qa.ignore]] of `{}` needs a `reason`, so that reviewers know why it is silenced", ig.check),
        ));
    }
    if ig.unit.is_none() && ig.source.is_none() && ig.line.is_none() {
        return Err(cx.err(
            start,
            format!("the [[qa.ignore]] of `{}` needs `unit`, `source` or `line` (to silence a check everywhere, disable it)", ig.check),
        ));
    }
    Ok(ig)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_table() {
        let c = parse(
            "tm.toml",
            r#"
[align]
other = 1
[qa]
source-language = "en"
required-languages = ["sq", "sr-latn"]
disable = ["length-ratio"]
fail-on = "warning"
[qa.severity]
double-space = "warning"
[qa.length-ratio]
tolerance = 3
"en:sr-Latn" = 0.98
[[qa.ignore]]
check = "number-missing"
unit = 12
reason = "spelled out"
"#,
        )
        .unwrap();
        assert_eq!(c.required_languages, ["sq", "sr-Latn"]);
        assert!(!c.enabled("length-ratio"));
        assert_eq!(c.severity("double-space"), Some(Severity::Warning));
        assert_eq!(c.fail_on, Some(Severity::Warning));
        assert_eq!(c.ratios, [("en".into(), "sr-Latn".into(), 0.98)]);
        assert_eq!(c.ignores[0].unit, Some(12));
        assert_eq!(c.warnings.len(), 1);
        assert!(
            c.warnings[0].starts_with("tm.toml:2: unknown table `align`"),
            "{:?}",
            c.warnings
        );
    }

    #[test]
    fn a_table_in_the_wrong_case_and_a_check_enabled_and_disabled_are_errors() {
        let e = parse("tm.toml", "[QA]\nfail-on = \"never\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 2));
        assert!(e.message.contains("write [qa]"), "{e}");
        let e = parse(
            "tm.toml",
            "[qa]\nenable = [\"mixed-script\"]\ndisable = [\"mixed-script\"]\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("both `enable` and `disable`"), "{e}");
    }

    #[test]
    fn fail_on_takes_the_four_levels_of_the_command_line() {
        let fail_on = |v: &str| parse("tm.toml", &format!("[qa]\nfail-on = \"{v}\"\n"));
        assert_eq!(Config::default().fail_on, Some(Severity::Error));
        assert_eq!(fail_on("info").unwrap().fail_on, Some(Severity::Info));
        assert_eq!(fail_on("never").unwrap().fail_on, None);
        let e = fail_on("sometimes").unwrap_err();
        assert_eq!((e.line, e.column), (2, 11));
        assert!(
            e.message
                .contains(r#""error", "warning", "info" or "never""#),
            "{e}"
        );
        // A check's severity is one of three: never is no severity.
        let e = parse("tm.toml", "[qa.severity]\ndouble-space = \"never\"\n").unwrap_err();
        assert!(e.message.contains(r#""error", "warning" or "info""#), "{e}");
    }

    #[test]
    fn an_ignore_needs_a_reason() {
        let e = parse(
            "tm.toml",
            "[qa]\n[[qa.ignore]]\ncheck = \"untranslated\"\nunit = 3\n",
        )
        .unwrap_err();
        assert!(e.message.contains("reason"), "{e}");
        assert_eq!(e.line, 2);
        let e = parse("tm.toml", "[qa]\ndisable = [\"no-such\"]\n").unwrap_err();
        assert!(e.message.contains("unknown check"), "{e}");
    }
}
