//! `tm glossary add | add-term | remove | rename`: edits that keep the file's comments
//! and formatting, written atomically (a failed edit changes nothing). An
//! edit that would bring in a lint error is refused; lint's warnings about it
//! are printed. Every edit holds the glossary's lock ([`lock`]) from reading
//! the file to writing it, so edits at once lose nothing.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, bail};

use super::Format;
use crate::cli::output::Output;
use crate::filelock::FileLock;
use crate::glossary::{Concept, GlossaryFile, Status, Term};

/// Add a concept with its terms; refuses a known id (add terms to it with
/// `add-term`), a term another concept has, and anything else `tm glossary
/// lint` reports as an error.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm glossary add --id moscow --type place --term en=Moscow --term sq=Moskë --term sr-Latn=Moskva --term sr-Cyrl=Москва\n  tm glossary add --id nato --type organisation --term en=NATO --case-sensitive\n  tm glossary add --id pristina --type place --term sq=Prishtinë --forbidden sq=Pristina"
)]
pub struct AddArgs {
    /// Concept id: lower-case letters, digits, hyphens.
    #[arg(long)]
    pub id: String,
    /// person, place, organisation, title, event, product or other.
    #[arg(long = "type", default_value = "other")]
    pub kind: String,
    /// A definition or note for translators.
    #[arg(long)]
    pub note: Option<String>,
    #[command(flatten)]
    pub terms: TermArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// Add terms to a concept the glossary has (in place: the rest of the file
/// stays as written); refused, like `add`, if lint would report an error.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm glossary add-term pristina --term it=Pristina\n  tm glossary add-term pristina --admitted sq=Prishtina --forbidden sr-Latn=Pristina"
)]
pub struct AddTermArgs {
    /// The concept's id.
    pub id: String,
    #[command(flatten)]
    pub terms: TermArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// Terms given on the command line, for `add` and `add-term`.
#[derive(Debug, clap::Args)]
pub struct TermArgs {
    /// A preferred term, LANG=TEXT (repeatable).
    #[arg(long = "term", value_name = "LANG=TEXT")]
    pub terms: Vec<String>,
    /// An admitted term, LANG=TEXT (repeatable).
    #[arg(long, value_name = "LANG=TEXT")]
    pub admitted: Vec<String>,
    /// A forbidden term, LANG=TEXT (repeatable).
    #[arg(long, value_name = "LANG=TEXT")]
    pub forbidden: Vec<String>,
    /// Match all these terms only with the same capitalisation (acronyms).
    #[arg(long)]
    pub case_sensitive: bool,
    /// Match all these terms only as written (no inflection, no diacritic folding).
    #[arg(long)]
    pub exact_only: bool,
}

/// Remove a concept.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  tm glossary remove moscow")]
pub struct RemoveArgs {
    pub id: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// Give a concept a new id (its block moves to keep the ids sorted).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  tm glossary rename srpska-lista lista-serbe")]
pub struct RenameArgs {
    pub old: String,
    pub new: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

fn parse_term(spec: &str, status: Status, a: &TermArgs) -> anyhow::Result<Term> {
    let (lang, text) = spec
        .split_once('=')
        .with_context(|| format!("`{spec}`: write a term as LANG=TEXT, e.g. sq=Prishtinë"))?;
    let text = text.trim();
    if text.is_empty() {
        bail!("`{spec}`: the term is empty");
    }
    Ok(Term {
        lang: crate::lang::strict(lang)?,
        text: crate::text::nfc(text),
        status,
        case_sensitive: a.case_sensitive,
        exact_only: a.exact_only,
        note: None,
    })
}

impl TermArgs {
    /// The terms, grouped by language in the order languages were first
    /// given.
    fn terms(&self) -> anyhow::Result<Vec<Term>> {
        let mut terms = Vec::new();
        for (list, status) in [
            (&self.terms, Status::Preferred),
            (&self.admitted, Status::Admitted),
            (&self.forbidden, Status::Forbidden),
        ] {
            for spec in list {
                terms.push(parse_term(spec, status, self)?);
            }
        }
        let mut langs: Vec<String> = Vec::new();
        for t in &terms {
            if !langs.contains(&t.lang) {
                langs.push(t.lang.clone());
            }
        }
        terms.sort_by_key(|t| langs.iter().position(|l| *l == t.lang));
        Ok(terms)
    }
}

/// Take the lock of the glossary at `path` for an edit (read, change,
/// write), waiting up to `wait` for another tm process editing it and
/// saying so on stderr after a second.
pub fn lock(path: &Path, wait: Duration) -> anyhow::Result<FileLock> {
    FileLock::acquire(path, wait, &|| {
        eprintln!(
            "tm: another tm process is editing {}; waiting for it (up to {} s; Ctrl-C to stop)",
            path.display(),
            wait.as_secs()
        )
    })
}

/// Edit the glossary at `path` under its lock: load it (a missing file is
/// an empty glossary when `may_be_new`), apply `edit`, save, and let go.
/// Returns the glossary as it was, the file as saved, and what `edit` said.
fn edit_locked<T>(
    path: &Path,
    wait: Duration,
    may_be_new: bool,
    edit: impl FnOnce(&mut GlossaryFile) -> anyhow::Result<T>,
) -> anyhow::Result<(crate::glossary::Glossary, GlossaryFile, T)> {
    let lock = lock(path, wait)?;
    let mut f = if may_be_new {
        GlossaryFile::load_or_empty(path)?
    } else {
        GlossaryFile::load(path)?
    };
    let before = f.glossary.clone();
    let done = edit(&mut f)?;
    f.save()?;
    drop(lock);
    Ok((before, f, done))
}

pub fn add(a: &AddArgs, path: &Path, wait: Duration, out: &mut Output) -> anyhow::Result<i32> {
    let concept = Concept {
        id: a.id.clone(),
        kind: a.kind.clone(),
        note: a.note.clone(),
        terms: a.terms.terms()?,
    };
    let (before, f, ()) = edit_locked(path, wait, true, |f| {
        f.add(&concept)
            .with_context(|| format!("cannot add `{}` to {}", a.id, path.display()))
    })?;
    report(
        out,
        a.format,
        &format!("added {} to {}", a.id, path.display()),
        serde_json::json!({ "added": concept }),
        &before,
        &f,
    )?;
    Ok(crate::cli::exit::OK)
}

pub fn add_term(
    a: &AddTermArgs,
    path: &Path,
    wait: Duration,
    out: &mut Output,
) -> anyhow::Result<i32> {
    let terms = a.terms.terms()?;
    if terms.is_empty() {
        bail!("give the terms to add with --term, --admitted or --forbidden LANG=TEXT");
    }
    let (before, f, ()) = edit_locked(path, wait, false, |f| {
        f.add_terms(&a.id, &terms)
            .with_context(|| format!("cannot add terms to `{}` in {}", a.id, path.display()))
    })?;
    let n = crate::cli::output::plural(terms.len() as u64, "term");
    report(
        out,
        a.format,
        &format!("added {n} to {} in {}", a.id, path.display()),
        serde_json::json!({ "concept": a.id, "added": terms }),
        &before,
        &f,
    )?;
    Ok(crate::cli::exit::OK)
}

/// Say what an edit of the glossary did: a line, and on stderr what lint
/// will say about it (warnings only: edits refuse errors); or, in JSON,
/// `json` with the glossary's path and those `warnings` (lint findings).
pub fn report(
    out: &mut Output,
    format: Format,
    line: &str,
    mut json: serde_json::Value,
    before: &crate::glossary::Glossary,
    f: &GlossaryFile,
) -> anyhow::Result<()> {
    let warnings = crate::glossary::lint::new_findings(before, &f.glossary);
    match format {
        Format::Text => {
            out.line(line)?;
            for x in &warnings {
                out.warn(&format!("{} [{}] {}", x.check, x.concept, x.message))?;
            }
        }
        Format::Json => {
            json["glossary"] = serde_json::json!(f.path.display().to_string());
            json["warnings"] = serde_json::to_value(&warnings)?;
            out.json(&json)?;
        }
    }
    Ok(())
}

pub fn remove(
    a: &RemoveArgs,
    path: &Path,
    wait: Duration,
    out: &mut Output,
) -> anyhow::Result<i32> {
    let (before, f, removed) = edit_locked(path, wait, false, |f| f.remove(&a.id))?;
    report(
        out,
        a.format,
        &format!("removed {} from {}", a.id, path.display()),
        serde_json::json!({ "removed": removed }),
        &before,
        &f,
    )?;
    Ok(crate::cli::exit::OK)
}

pub fn rename(
    a: &RenameArgs,
    path: &Path,
    wait: Duration,
    out: &mut Output,
) -> anyhow::Result<i32> {
    let (before, f, ()) = edit_locked(path, wait, false, |f| f.rename(&a.old, &a.new))?;
    report(
        out,
        a.format,
        &format!("renamed {} to {}", a.old, a.new),
        serde_json::json!({ "from": a.old, "to": a.new }),
        &before,
        &f,
    )?;
    Ok(crate::cli::exit::OK)
}
