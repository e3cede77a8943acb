//! `tm segment FILE`: print the sentences the segmenter finds.

use std::path::PathBuf;

use super::output::Output;

/// Split a document into sentences: one per line, a blank line between paragraphs.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm segment examples/nato-kosovo/sr-Latn.txt\n  tm segment notes.txt --lang sq --format jsonl\n  tm segment examples/nato-kosovo/en.txt --quotations keep\n  cat article.txt | tm segment - --lang sr-Latn"
)]
pub struct Args {
    /// The text file (UTF-8; one paragraph per line, or paragraphs separated by blank lines);
    /// `-` reads standard input.
    pub file: PathBuf,
    /// Language (BCP 47); inferred from the file name when omitted.
    #[arg(long)]
    pub lang: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub segment: super::segment_arg::SegmentArgs,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// One sentence per line, a blank line between paragraphs.
    Text,
    /// One JSON object per sentence: index, paragraph, start, end (byte offsets), text.
    Jsonl,
}

#[derive(serde::Serialize)]
struct Row<'a> {
    index: usize,
    paragraph: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

pub fn run(args: &Args, out: &mut Output) -> anyhow::Result<i32> {
    let lang = crate::lang::resolve(args.lang.as_deref(), &args.file, "--lang")?;
    let text = crate::doc::read_text(&args.file)?;
    let sentences = crate::segment::segment_with(&text, &lang, args.segment.options()?);
    let mut last_para = None;
    for (index, s) in sentences.iter().enumerate() {
        match args.format {
            Format::Text => {
                if last_para.is_some_and(|p| p != s.paragraph) {
                    out.line("")?;
                }
                last_para = Some(s.paragraph);
                out.line(&s.text)?;
            }
            Format::Jsonl => out.jsonl(&Row {
                index,
                paragraph: s.paragraph,
                start: s.start,
                end: s.end,
                text: &s.text,
            })?,
        }
    }
    Ok(super::exit::OK)
}
