//! `tm qa`: check the translations of the TM, or of two files (aligned
//! first), and report findings for people (grouped by document and unit) or
//! for CI (JSON, JUnit XML, SARIF 2.1.0, GitHub workflow annotations).

mod github;
mod human;
mod junit;
mod sarif;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, bail};

use super::Global;
use super::output::Output;
use crate::align::{self, Side};
use crate::glossary::GlossaryFile;
use crate::qa::{self, CHECKS, Checker, Config, Hit, Pair, Report, Severity};
use crate::segment;
use crate::store::{PairFilter, PairStats, Store};

const EXAMPLES: &str = "Examples:
  tm qa
  tm qa --pair en:sq --doc nato-kosovo
  tm qa --lang sr-Cyrl --format sarif > qa.sarif
  tm qa examples/nato-kosovo/en.txt examples/nato-kosovo/sq.txt
  tm qa en.txt sr-Latn.txt --format github --fail-on warning
  tm qa --list-checks

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 error.
Settings come from tm.toml ([qa]: enable/disable, severity, required-languages,
length-ratio, [[qa.ignore]] with a reason); see the README.";

/// Check translations: terminology (glossary), numbers and dates,
/// consistency, untranslated and empty targets, punctuation and form,
/// script and Unicode, length ratio, placeholders and tags.
///
/// Without files it checks the TM (every unit's source text, in the source
/// language the TM records for it, against each other language); with SRC
/// and TGT it aligns the two files first and reports lines of TGT.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// `SRC TGT`: check a translation not stored in the TM.
    #[arg(num_args = 0..=2, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Only the units of this document.
    #[arg(long, value_name = "NAME", conflicts_with = "files")]
    pub doc: Option<String>,
    /// Only these target languages (repeat, or separate with commas).
    #[arg(long, value_name = "LANG", value_delimiter = ',')]
    pub lang: Vec<String>,
    /// A language pair `SRC:TGT` (`en:sq`): the source and the one target.
    #[arg(long, value_name = "SRC:TGT", conflicts_with_all = ["lang", "src_lang"])]
    pub pair: Option<String>,
    /// The source language, a range: `en` covers en-US (default: tm.toml,
    /// else each unit's own as the TM records it: the TMX srclang, a
    /// table's first language column, the first file given to tm align;
    /// with files: from SRC's name).
    #[arg(long, value_name = "LANG")]
    pub src_lang: Option<String>,
    /// The glossary (default: tm.toml's, else glossaries/proper-nouns.toml if it exists).
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// The workspace file with the [qa] settings (default: tm.toml if it exists).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Exit 1 when there is a finding at this severity or above (default:
    /// tm.toml's fail-on, else error).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// Worker threads (default: the number of cores, at most 4).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// List the checks (id, family, severity) and exit.
    #[arg(long)]
    pub list_checks: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Grouped by document and unit; colour on a terminal.
    Human,
    /// One JSON document: summary and findings.
    Json,
    /// JUnit XML: a test suite per check, a failing test case per finding.
    Junit,
    /// SARIF 2.1.0, for code-scanning views.
    Sarif,
    /// GitHub Actions workflow commands (::error file=…,line=…::…).
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Never fail because of findings.
    Never,
}

/// What the renderers get: the report and the context they name.
pub struct Run<'a> {
    pub report: &'a Report,
    pub config: &'a Config,
    /// The file findings point to in CI formats (TGT, or the TM).
    pub artifact: String,
    /// Findings at or above this fail the run (None: never).
    pub fail_on: Option<Severity>,
    /// The glossary holds no concept: the terminology checks checked nothing.
    pub no_glossary: bool,
}

/// The workspace file: `--config` (which must exist), else `tm.toml`.
fn config_path(args: &Args) -> anyhow::Result<&Path> {
    match &args.config {
        Some(p) if !p.is_file() => {
            bail!("there is no workspace file at {} (--config)", p.display())
        }
        Some(p) => Ok(p),
        None => Ok(Path::new(qa::config::DEFAULT_PATH)),
    }
}

/// tm.toml's [qa] settings; what it holds that nothing reads is a warning.
fn load_config(args: &Args, out: &mut Output) -> anyhow::Result<Config> {
    let config = Config::load_or_default(config_path(args)?)?;
    for w in &config.warnings {
        out.warn(w)?;
    }
    Ok(config)
}

/// The TM's word counts for the doubled-word check, on a connection of its
/// own (the run's reads the pairs), opened at the first question: most runs
/// ask none.
struct TmWordCounts {
    path: PathBuf,
    store: Option<Store>,
}

impl qa::engine::WordCounts for TmWordCounts {
    fn cooccurrence(
        &mut self,
        src_lang: &str,
        lang: &str,
        except: Option<i64>,
        target_word: &str,
        source_words: &[String],
    ) -> anyhow::Result<qa::punctuation::Cooccurrence> {
        let store = match &mut self.store {
            Some(s) => s,
            None => self.store.insert(Store::open_existing(&self.path)?),
        };
        let (target, source) =
            store.word_cooccurrence(src_lang, lang, except, target_word, source_words)?;
        Ok(qa::punctuation::Cooccurrence { target, source })
    }
}

pub fn run(args: &Args, global: &Global, out: &mut Output) -> anyhow::Result<i32> {
    if args.list_checks {
        return list_checks(args, out);
    }
    let config = load_config(args, out)?;
    let glossary_path = args
        .glossary
        .clone()
        .or_else(|| config.glossary.clone())
        .unwrap_or_else(|| PathBuf::from(crate::glossary::DEFAULT_PATH));
    if args.glossary.is_some() && !glossary_path.exists() {
        bail!("there is no glossary at {}", glossary_path.display());
    }
    if !glossary_path.exists() {
        // A glossary folder renamed or left out of a checkout turns the
        // terminology checks off: say so rather than pass them.
        out.note(&format!(
            "no glossary at {}: the terminology checks check nothing (give one with --glossary or glossary = in tm.toml)",
            glossary_path.display()
        ))?;
    }
    let glossary = GlossaryFile::load_or_empty(&glossary_path)?;
    super::glossary_arg::warn_lint_errors(&glossary);
    let glossary = glossary.glossary;
    let no_glossary = glossary.concepts.is_empty();
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get().min(4))
            .unwrap_or(1)
    });
    let (pair_src, pair_tgt) = match &args.pair {
        Some(p) => {
            let (a, b) = p
                .split_once(':')
                .with_context(|| format!("--pair '{p}': write it as SRC:TGT, such as en:sq"))?;
            (
                Some(crate::lang::canonical(a)?),
                Some(crate::lang::canonical(b)?),
            )
        }
        None => (None, None),
    };
    let mut langs: Vec<String> = args
        .lang
        .iter()
        .map(|l| crate::lang::canonical(l))
        .collect::<anyhow::Result<_>>()?;
    langs.extend(pair_tgt);
    let src_arg = pair_src.or(args
        .src_lang
        .as_deref()
        .map(crate::lang::canonical)
        .transpose()?);

    let run_langs = langs.clone();
    let scope = Scope {
        config,
        glossary,
        src_lang: src_arg,
        langs,
        threads,
    };
    let (report, artifact, config) = match args.files.as_slice() {
        [] => check_tm(args, global, scope)?,
        [src, tgt] => {
            let options = crate::segment::Options::load_or_default(config_path(args)?)?;
            check_files(src, tgt, options, scope)?
        }
        [_] => bail!("give two files, SRC and TGT (or none, to check the TM)"),
        _ => unreachable!("clap allows at most two files"),
    };
    let fail_on = match args.fail_on {
        Some(FailOn::Never) => None,
        Some(FailOn::Error) => Some(Severity::Error),
        Some(FailOn::Warning) => Some(Severity::Warning),
        Some(FailOn::Info) => Some(Severity::Info),
        None => config.fail_on,
    };
    let mut report = report;
    sort_findings(&mut report);
    let r = Run {
        report: &report,
        config: &config,
        artifact,
        fail_on,
        no_glossary,
    };
    match args.format {
        Format::Human => human::render(&r, out)?,
        Format::Json => out.json(&json(&r))?,
        Format::Junit => out.write_str(&junit::render(&r))?,
        Format::Sarif => out.json(&sarif::render(&r))?,
        Format::Github => out.write_str(&github::render(&r))?,
    }
    // A stale ignore is a note, as linters report unused suppressions: it
    // silences nothing, so it fails nothing, but it would silence a new
    // finding that happens to match it.
    // An entry for a language or document the run left out was not reached:
    // it is no sign of a fixed finding.
    for u in unused_ignores(&r) {
        let by_lang = u.lang.filter(|l| {
            !run_langs.is_empty()
                && !run_langs
                    .iter()
                    .any(|r| crate::lang::covers(l, r) || crate::lang::covers(r, l))
        });
        let by_doc = u
            .document
            .filter(|d| args.doc.as_deref().is_some_and(|x| x != *d));
        let limit = match (&args.pair, by_lang, by_doc) {
            (Some(p), Some(_), _) => Some(format!("--pair {p}")),
            (None, Some(_), _) => Some(format!("--lang {}", run_langs.join(","))),
            (_, None, Some(_)) => Some(format!("--doc {}", args.doc.as_deref().unwrap_or(""))),
            (_, None, None) => None,
        };
        out.note(&match limit {
            Some(limit) => format!(
                "{}: the [[qa.ignore]] of `{}` ({}) was not reached by this run ({limit})",
                u.at,
                u.check,
                u.what()
            ),
            None => format!(
                "{}: the [[qa.ignore]] of `{}` ({}) silenced nothing in this run: remove it if its finding is gone",
                u.at,
                u.check,
                u.what()
            ),
        })?;
    }
    let failed = fail_on.is_some_and(|level| report.count_at_least(level) > 0);
    Ok(if failed {
        super::exit::FINDINGS
    } else {
        super::exit::OK
    })
}

/// Group findings by document, then unit or segment (line and column),
/// then language; the check order within a pair stays as the engine gave it.
fn sort_findings(report: &mut Report) {
    report.findings.sort_by(|a, b| {
        (a.document.as_deref(), a.unit, a.line, a.column, &*a.lang).cmp(&(
            b.document.as_deref(),
            b.unit,
            b.line,
            b.column,
            &*b.lang,
        ))
    });
}

fn list_checks(args: &Args, out: &mut Output) -> anyhow::Result<i32> {
    let config = load_config(args, out)?;
    if args.format == Format::Json {
        let v: Vec<serde_json::Value> = CHECKS
            .iter()
            .map(|c| {
                serde_json::json!({
                    "id": c.id, "family": c.family, "default_severity": c.severity,
                    "severity": config.severity(c.id), "summary": c.summary,
                })
            })
            .collect();
        out.json(&v)?;
        return Ok(super::exit::OK);
    }
    for c in CHECKS {
        let sev = config.severity(c.id).map_or("off", Severity::as_str);
        out.line(&format!(
            "{:<26} {:<13} {:<8} {}",
            c.id, c.family, sev, c.summary
        ))?;
    }
    Ok(super::exit::OK)
}

/// What a run checks with, from the options and tm.toml.
struct Scope {
    config: Config,
    glossary: crate::glossary::Glossary,
    /// `--src-lang` or `--pair`'s source.
    src_lang: Option<String>,
    /// `--lang` and `--pair`'s target.
    langs: Vec<String>,
    threads: usize,
}

fn check_tm(
    args: &Args,
    global: &Global,
    scope: Scope,
) -> anyhow::Result<(Report, String, Config)> {
    let Scope {
        config,
        glossary,
        src_lang: src_arg,
        langs,
        threads,
    } = scope;
    let store = Store::open_existing(&global.db)?;
    // A source language chosen (option or tm.toml) is a range (`en` covers
    // en-US); else each unit's own, as the TM records it.
    let src_range = src_arg.or_else(|| config.source_language.clone());
    // A language the TM lacks would check nothing and pass: an error, as an
    // unknown --doc is.
    let tm_langs = store.target_languages("")?;
    if let Some(src) = &src_range
        && !tm_langs
            .iter()
            .any(|l| crate::lang::covers(src, l) || crate::lang::covers(l, src))
    {
        bail!(
            "the TM has no {src} text (its languages: {})",
            tm_langs.join(", ")
        );
    }
    // With --lang or --pair, a required language outside them is not checked.
    let chosen = !langs.is_empty();
    let targets = if chosen {
        Some(chosen_targets(&langs, &tm_langs)?)
    } else {
        None
    };
    if let (Some(src), Some(targets)) = (&src_range, &targets)
        && let Some(t) = targets.iter().find(|t| crate::lang::covers(src, t))
    {
        bail!("{t} is the source language ({src}): choose other target languages");
    }
    let all: Vec<&str> = tm_langs.iter().map(String::as_str).collect();
    let checker = Checker::new(config, glossary, &all).with_word_counts(Box::new(TmWordCounts {
        path: global.db.clone(),
        store: None,
    }));
    let mut arcs: HashMap<String, Arc<str>> = HashMap::new();
    let mut arc = |l: &str| -> Arc<str> {
        match arcs.get(l) {
            Some(a) => a.clone(),
            None => {
                let a: Arc<str> = l.into();
                arcs.insert(l.to_string(), a.clone());
                a
            }
        }
    };
    let mut last_doc: Option<(String, Arc<str>)> = None;
    let filter = PairFilter {
        src_lang: src_range.as_deref(),
        langs: targets.as_deref(),
        document: args.doc.as_deref(),
    };
    let mut stats = None;
    let mut report = qa::engine::run(&checker, threads, |f| {
        stats = Some(store.for_each_pair(&filter, &mut |row| {
            let document = row.document.map(|d| match &last_doc {
                Some((name, a)) if name == d => a.clone(),
                _ => {
                    let a: Arc<str> = d.into();
                    last_doc = Some((d.to_string(), a.clone()));
                    a
                }
            });
            f(Pair {
                unit: Some(row.unit),
                document,
                src_lang: arc(row.src_lang),
                lang: arc(row.lang),
                source: row.source.into(),
                target: row.target.into(),
                source_markup: row.source_markup.map(str::to_string),
                target_markup: row.target_markup.map(str::to_string),
                line: None,
                column: None,
            })
        })?);
        Ok(())
    })?;
    if let Some(e) = checker.word_counts_error() {
        return Err(e.context("cannot count words in the TM (for the doubled-word check)"));
    }
    let required: Vec<String> = checker
        .config()
        .required_languages
        .iter()
        .filter(|req| !chosen || targets.iter().flatten().any(|t| t == *req))
        .cloned()
        .collect();
    if checker.config().enabled("missing-language") && !required.is_empty() {
        for m in store.units_missing_langs(&filter, &required)? {
            let req = m.lang;
            let p = Pair {
                unit: Some(m.unit),
                document: m.document.map(|d| d.into()),
                src_lang: m.src_lang.into(),
                lang: req.as_str().into(),
                source: m.source.into(),
                target: "".into(),
                source_markup: None,
                target_markup: None,
                line: None,
                column: None,
            };
            let hit = Hit::new(
                "missing-language",
                format!("the unit has no {req} text, which tm.toml requires: translate it"),
            );
            checker.add(&mut report, &p, hit);
        }
    }
    // Nothing checked in a TM that holds translations: a CI must not pass
    // on that, so it is an error that says what the units hold.
    let stats = stats.unwrap_or_default();
    // Units left out because they lack the source asked for (`--src-lang
    // hi` in a TM of English sources): said, so a reader of "2 pairs
    // checked" knows what was not.
    if report.pairs > 0 && stats.without_source > 0 {
        let n = stats.without_source;
        super::output::warn(&format!(
            "{n} {} no text in {} and {} not checked",
            if n == 1 { "unit has" } else { "units have" },
            filter.src_lang.unwrap_or("their source language"),
            if n == 1 { "was" } else { "were" },
        ));
    }
    if report.pairs == 0 && report.findings.is_empty() {
        let multilingual = store.multilingual_units(args.doc.as_deref())?;
        if multilingual > 0 {
            bail!("{}", nothing_checked(&stats, multilingual, &filter));
        }
    }
    let artifact = global.db.display().to_string();
    Ok((report, artifact, checker_config(checker)))
}

/// Why a run checked no pair of a TM whose units hold translations.
fn nothing_checked(stats: &PairStats, multilingual: i64, filter: &PairFilter) -> String {
    let sources: Vec<String> = stats
        .sources
        .iter()
        .map(|(l, n)| format!("{l} ({n} {})", if *n == 1 { "unit" } else { "units" }))
        .collect();
    let asked = match (filter.src_lang, filter.langs) {
        (Some(s), Some(t)) => format!("from {s} into {}", t.join(", ")),
        (Some(s), None) => format!("from {s}"),
        (None, Some(t)) => format!("into {}", t.join(", ")),
        (None, None) => "from each unit's source language".to_string(),
    };
    let (n, verb) = if multilingual == 1 {
        ("unit", "holds")
    } else {
        ("units", "hold")
    };
    format!(
        "no pair was checked {asked}, though {multilingual} {n} {verb} texts in two languages or more \
         (source languages of the units: {}{}): choose the pair with --pair SRC:TGT, \
         or the languages with --src-lang and --lang",
        if sources.is_empty() {
            "none".to_string()
        } else {
            sources.join(", ")
        },
        if stats.without_source > 0 {
            format!("; {} without a text in it", stats.without_source)
        } else {
            String::new()
        }
    )
}

/// The TM's languages that `--lang`/`--pair` name: a tag covers its
/// subtags (`sr` is sr-Latn and sr-Cyrl, as in `glossary list --lang sr`);
/// one the TM lacks is an error that lists the TM's languages.
fn chosen_targets(langs: &[String], tm_langs: &[String]) -> anyhow::Result<Vec<String>> {
    match crate::lang::expand_all(langs, tm_langs) {
        Ok(found) => Ok(found.into_iter().map(str::to_string).collect()),
        Err((_, missing)) => bail!(
            "the TM has no {} text (its languages: {})",
            missing.join(", "),
            crate::lang::held_languages(&missing, tm_langs)
        ),
    }
}

fn checker_config(c: Checker) -> Config {
    c.config().clone()
}

fn check_files(
    src_file: &Path,
    tgt_file: &Path,
    options: crate::segment::Options,
    scope: Scope,
) -> anyhow::Result<(Report, String, Config)> {
    let Scope {
        config,
        glossary,
        src_lang: src_arg,
        langs,
        threads,
    } = scope;
    let src_lang = crate::lang::resolve(src_arg.as_deref(), src_file, "--src-lang")?;
    let lang = match langs.as_slice() {
        [] => crate::lang::resolve(None, tgt_file, "--lang")?,
        [one] => one.clone(),
        _ => bail!("with files, give one target language (--lang or --pair)"),
    };
    if lang == src_lang {
        bail!(
            "{} and {} are both {lang}: give a source and its translation",
            src_file.display(),
            tgt_file.display()
        );
    }
    let src_text = crate::doc::read_text(src_file)?;
    let tgt_text = crate::doc::read_text(tgt_file)?;
    let src_sentences = segment::segment_with(&src_text, &src_lang, options);
    let tgt_sentences = segment::segment_with(&tgt_text, &lang, options);
    let beads = align::align(
        &Side::of(&src_lang, &src_sentences),
        &Side::of(&lang, &tgt_sentences),
        &align::Config::default(),
    );
    let checker = Checker::new(config, glossary, &[src_lang.as_str(), lang.as_str()]);
    let document: Arc<str> = tgt_file.display().to_string().into();
    let (src_arc, lang_arc): (Arc<str>, Arc<str>) =
        (src_lang.as_str().into(), lang.as_str().into());
    let report = qa::engine::run(&checker, threads, |f| {
        for b in &beads {
            if b.src.is_empty() {
                continue; // a target sentence with no source: nothing to check it against
            }
            let (line, column) = match tgt_sentences.get(b.tgt.start) {
                Some(s) if !b.tgt.is_empty() => {
                    let (l, c) = crate::glossary::file::line_col(&tgt_text, s.start);
                    (Some(l), Some(c))
                }
                _ => (None, None),
            };
            f(Pair {
                unit: None,
                document: Some(document.clone()),
                src_lang: src_arc.clone(),
                lang: lang_arc.clone(),
                source: segment::text_of(&src_text, &src_sentences, b.src.clone()).into(),
                target: segment::text_of(&tgt_text, &tgt_sentences, b.tgt.clone()).into(),
                source_markup: None,
                target_markup: None,
                line,
                column,
            })?;
        }
        Ok(())
    })?;
    Ok((
        report,
        tgt_file.display().to_string(),
        checker_config(checker),
    ))
}

/// Counts by severity and by check.
#[derive(Debug, serde::Serialize)]
pub struct Summary<'a> {
    pub pairs: u64,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub ignored: usize,
    pub by_check: std::collections::BTreeMap<&'static str, usize>,
    pub failed: bool,
    /// `[[qa.ignore]]` entries that silenced nothing in this run.
    pub unused_ignores: Vec<UnusedIgnore<'a>>,
}

/// A `[[qa.ignore]]` entry that silenced nothing: where it is and what it
/// names.
#[derive(Debug, serde::Serialize)]
pub struct UnusedIgnore<'a> {
    pub at: &'a str,
    pub check: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<&'a str>,
    pub reason: &'a str,
}

impl UnusedIgnore<'_> {
    /// What the entry names, for people: `unit 99999, lang de`.
    fn what(&self) -> String {
        let mut parts = Vec::new();
        if let Some(u) = self.unit {
            parts.push(format!("unit {u}"));
        }
        if let Some(l) = self.line {
            parts.push(format!("line {l}"));
        }
        if let Some(s) = self.source {
            parts.push(format!("source {s:?}"));
        }
        if let Some(l) = self.lang {
            parts.push(format!("lang {l}"));
        }
        if let Some(d) = self.document {
            parts.push(format!("document {d}"));
        }
        parts.join(", ")
    }
}

fn unused_ignores<'a>(r: &Run<'a>) -> Vec<UnusedIgnore<'a>> {
    r.report
        .unused_ignores(r.config.ignores.len())
        .into_iter()
        .map(|i| {
            let ig = &r.config.ignores[i];
            UnusedIgnore {
                at: &ig.at,
                check: &ig.check,
                unit: ig.unit,
                source: ig.source.as_deref(),
                line: ig.line,
                lang: ig.lang.as_deref(),
                document: ig.document.as_deref(),
                reason: &ig.reason,
            }
        })
        .collect()
}

pub fn summary<'a>(r: &Run<'a>) -> Summary<'a> {
    let count = |s: Severity| r.report.findings.iter().filter(|f| f.severity == s).count();
    let mut by_check = std::collections::BTreeMap::new();
    for f in &r.report.findings {
        *by_check.entry(f.check).or_insert(0) += 1;
    }
    Summary {
        pairs: r.report.pairs,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        ignored: r.report.ignored,
        by_check,
        failed: r.fail_on.is_some_and(|l| r.report.count_at_least(l) > 0),
        unused_ignores: unused_ignores(r),
    }
}

/// The JSON report. It borrows the findings: a report of millions of
/// findings is written out, never copied into a JSON tree first.
#[derive(serde::Serialize)]
struct JsonReport<'a> {
    version: u32,
    summary: Summary<'a>,
    findings: &'a [qa::Finding],
}

fn json<'a>(r: &'a Run) -> JsonReport<'a> {
    JsonReport {
        version: 1,
        summary: summary(r),
        findings: &r.report.findings,
    }
}

/// Where a finding is, for people: `doc · unit 12 · sq` or `sq.txt:14:3`.
pub fn place(f: &qa::Finding) -> String {
    let mut parts = Vec::new();
    match (f.unit, f.line) {
        (Some(u), _) => {
            if let Some(d) = &f.document {
                parts.push(d.to_string());
            }
            parts.push(format!("unit {u}"));
        }
        (None, Some(l)) => parts.push(format!(
            "{}:{l}:{}",
            f.document.as_deref().unwrap_or("-"),
            f.column.unwrap_or(1)
        )),
        (None, None) => parts.push(f.document.as_deref().unwrap_or("-").to_string()),
    }
    parts.push(format!("{} → {}", f.src_lang, f.lang));
    parts.join(" · ")
}
