//! `tm glossary find`: glossary terms in running text.

use std::path::{Path, PathBuf};

use anyhow::bail;

use super::Format;
use crate::cli::output::{Output, Style};
use crate::glossary::{GlossaryFile, Recogniser, Status};

/// Find glossary terms in text: inflected forms, both Serbian scripts, missing diacritics.
/// Exit 0 when something is found, 1 when nothing is.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm glossary find --lang sr-Latn \"Stoltenberg je doputovao u Prištinu\"\n  tm glossary find --file examples/nato-kosovo/sq.txt --format json"
)]
pub struct Args {
    /// The text to search (or use --file).
    pub text: Option<String>,
    /// Read the text from a file.
    #[arg(long, conflicts_with = "text")]
    pub file: Option<PathBuf>,
    /// Language of the text (BCP 47); inferred from --file's name when omitted.
    #[arg(long)]
    pub lang: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// An occurrence in JSON with where a translator finds it: `line` and
/// `column` (1-based, in characters) beside `start`/`end` (bytes) and
/// `char_start`/`char_end`, which count in the text as read: UTF-8 without
/// a BOM, line ends as LF.
#[derive(serde::Serialize)]
struct Located<'a> {
    #[serde(flatten)]
    occurrence: &'a crate::glossary::Occurrence,
    line: usize,
    column: usize,
}

pub fn run(a: &Args, glossary: &Path, out: &mut Output) -> anyhow::Result<i32> {
    let (text, lang) = match (&a.text, &a.file) {
        (Some(t), None) => {
            let Some(l) = &a.lang else {
                bail!("give the language of the text with --lang (sq, sr-Latn, sr-Cyrl, en, …)");
            };
            (t.clone(), crate::lang::canonical(l)?)
        }
        (None, Some(f)) => (
            crate::doc::read_text(f)?,
            crate::lang::resolve(a.lang.as_deref(), f, "--lang")?,
        ),
        _ => bail!("give a TEXT to search or --file FILE"),
    };
    let g = GlossaryFile::load(glossary)?;
    let rec = Recogniser::new(&g.glossary, &lang);
    let found = rec.find(&text);
    // Each occurrence's line by a binary search, not a scan from the start:
    // a long file with many names took seconds.
    let starts = crate::glossary::file::line_starts(&text);
    let line_col = |pos: usize| {
        let line = starts.partition_point(|s| *s <= pos);
        let from = starts[line - 1];
        (line, text[from..pos].chars().count() + 1)
    };
    match a.format {
        Format::Json => {
            let located: Vec<Located> = found
                .iter()
                .map(|o| {
                    let (line, column) = line_col(o.start);
                    Located {
                        occurrence: o,
                        line,
                        column,
                    }
                })
                .collect();
            out.json(&located)?
        }
        Format::Text => {
            for o in &found {
                let (line, col) = line_col(o.start);
                // A term across a line break: one line of output still.
                let found_text = o.found.split_whitespace().collect::<Vec<_>>().join(" ");
                let how: Vec<&str> = o.how.iter().map(|k| k.as_str()).collect();
                let status = match o.status {
                    Status::Forbidden => out.paint(Style::Red, " FORBIDDEN"),
                    Status::Admitted => " admitted".to_string(),
                    Status::Preferred => String::new(),
                };
                let line_s = format!(
                    "{line}:{col}\t{}\t{} [{}, {}]{status}\t{}",
                    out.paint(Style::Bold, &found_text),
                    o.term,
                    o.concept,
                    o.term_lang,
                    how.join("+")
                );
                out.line(&line_s)?;
            }
        }
    }
    // `tm glossary find article.txt --lang en` searches the words
    // "article.txt": say so when that finds nothing and it names a file.
    if let Some(t) = a
        .text
        .as_deref()
        .filter(|t| !t.contains(char::is_whitespace))
        && found.is_empty()
        && Path::new(t).is_file()
    {
        out.note(&format!(
            "{t} was searched as text; to search the file, give --file {t}"
        ))?;
    }
    Ok(if found.is_empty() {
        crate::cli::exit::FINDINGS
    } else {
        crate::cli::exit::OK
    })
}
