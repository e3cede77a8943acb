//! `tm glossary list` and `tm glossary show ID`.

use std::path::Path;

use anyhow::Context;

use super::Format;
use crate::cli::output::{Output, Style};
use crate::glossary::{Concept, GlossaryFile, Status, lang_matches};

/// List the concepts: id, type and terms.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm glossary list\n  tm glossary list --lang sq --type person\n  tm glossary list --format json"
)]
pub struct ListArgs {
    /// Show only terms of this language (and its other scripts).
    #[arg(long)]
    pub lang: Option<String>,
    /// Only concepts of this type (person, place, organisation, title, …).
    #[arg(long = "type")]
    pub kind: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// Show one concept with all its terms, statuses and notes.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm glossary show pristina\n  tm glossary show milan-radoicic --format json"
)]
pub struct ShowArgs {
    pub id: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

fn term_label(out: &Output, t: &crate::glossary::Term) -> String {
    match t.status {
        Status::Preferred => t.text.clone(),
        Status::Admitted => format!("{} (admitted)", t.text),
        Status::Forbidden => out.paint(Style::Red, &format!("{} (forbidden)", t.text)),
    }
}

pub fn list(a: &ListArgs, path: &Path, out: &mut Output) -> anyhow::Result<i32> {
    let g = GlossaryFile::load(path)?;
    let lang = a.lang.as_deref().map(crate::lang::canonical).transpose()?;
    if let Some(k) = a.kind.as_deref() {
        if !crate::glossary::CONCEPT_TYPES.contains(&k) {
            anyhow::bail!(
                "unknown type `{k}` (expected one of {})",
                crate::glossary::CONCEPT_TYPES.join(", ")
            );
        }
    }
    let keep = |c: &&Concept| a.kind.as_deref().is_none_or(|k| c.kind == k);
    let concepts: Vec<Concept> = g
        .glossary
        .concepts
        .iter()
        .filter(keep)
        .map(|c| {
            let mut c = c.clone();
            if let Some(l) = &lang {
                c.terms.retain(|t| lang_matches(&t.lang, l));
            }
            c
        })
        .collect();
    match a.format {
        Format::Json => out.json(&concepts)?,
        Format::Text => {
            for c in &concepts {
                let mut line = format!("{}\t{}", out.paint(Style::Bold, &c.id), c.kind);
                for l in c.languages() {
                    let terms: Vec<String> = c
                        .terms
                        .iter()
                        .filter(|t| t.lang == l)
                        .map(|t| term_label(out, t))
                        .collect();
                    line.push_str(&format!("\t{l}: {}", terms.join(", ")));
                }
                out.line(&line)?;
            }
        }
    }
    Ok(crate::cli::exit::OK)
}

pub fn show(a: &ShowArgs, path: &Path, out: &mut Output) -> anyhow::Result<i32> {
    let g = GlossaryFile::load(path)?;
    let i = g
        .glossary
        .concepts
        .iter()
        .position(|c| c.id == a.id)
        .with_context(|| {
            format!(
                "there is no concept `{}` in {} (see `tm glossary list`)",
                a.id,
                path.display()
            )
        })?;
    let c = &g.glossary.concepts[i];
    match a.format {
        Format::Json => out.json(c)?,
        Format::Text => {
            out.line(&format!(
                "{} ({}), {}:{}",
                out.paint(Style::Bold, &c.id),
                c.kind,
                path.display(),
                g.map.concept_lines.get(i).copied().unwrap_or(0)
            ))?;
            // A note over several lines keeps each under the concept.
            if let Some(n) = &c.note {
                out.line(&format!("  {}", n.replace('\n', "\n  ")))?;
            }
            // tags as wide as the longest (sr-Latn-RS), at least 8
            let width = c
                .terms
                .iter()
                .map(|t| t.lang.len())
                .max()
                .unwrap_or(0)
                .max(8);
            for t in &c.terms {
                let mut flags = Vec::new();
                if t.case_sensitive {
                    flags.push("case-sensitive");
                }
                if t.exact_only {
                    flags.push("exact-only");
                }
                let mut s = format!("  {:<width$} {}", t.lang, term_label(out, t));
                if !flags.is_empty() {
                    s.push_str(&format!(" [{}]", flags.join(", ")));
                }
                if let Some(n) = &t.note {
                    s.push_str(&format!(" — {}", n.replace('\n', "\n      ")));
                }
                out.line(&s)?;
            }
        }
    }
    Ok(crate::cli::exit::OK)
}
