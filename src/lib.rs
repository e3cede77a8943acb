//! tm — a multilingual translation-memory workspace.
//!
//! Codemap (the README's Architecture section has the long form):
//! - [`text`]: normalisation (NFC), folding, tokens, Serbian Cyrillic ↔ Latin transliteration.
//! - [`lang`]: language tags, inferring a language from a file name.
//! - [`doc`]: reading input documents (UTF-8 check, BOM, CRLF) with errors that name the file.
//! - [`segment`]: rule-based sentence segmentation, abbreviation lists as data.
//! - [`script_marks`]: the sentence marks of every script (Unicode's Sentence_Terminal): the
//!   one table the segmenter and QA share.
//! - [`align`]: the sentence aligner (length model + lexical and glossary anchors + banded DP). Pure.
//! - [`glossary`]: the proper-noun glossary: TOML file, recognition in inflected forms and both
//!   Serbian scripts, lint, TBX/CSV, suggestions from the TM, alignment anchors. Pure but for its file.
//! - [`diff`]: word diffs, revision statistics, classifying units against a new translation.
//! - [`eval`]: scorers for segmentation and alignment test sets.
//! - [`interchange`]: TMX 1.4b, CSV and TSV readers and writers, streaming; inline markup kept
//!   verbatim beside the plain text used for matching. Pure but for the file it reads.
//! - [`lookup`]: fuzzy match score, the exact candidate index, document analysis. Pure.
//! - [`search`]: what a `tm search` pattern means (folded phrases) and where it matches. Pure.
//! - [`qa`]: translation checks (terminology, numbers, consistency, form, script, placeholders); findings as data. Pure.
//! - [`interrupt`]: files a run is creating, removed if it is interrupted (Ctrl-C).
//! - [`filelock`]: the lock an edit of a file that is rewritten whole holds (the glossary), so two
//!   edits at once lose nothing.
//! - [`outfile`]: writing an output file whole or not at all (temporary file + rename; through
//!   symlinks, keeping permissions; FIFOs, devices and open descriptors written directly).
//! - [`store`]: the SQLite translation memory. The only module that speaks SQL.
//! - [`cli`]: argument parsing and rendering. The only module that prints.
//!
//! The library never prints; it returns data and errors.

pub mod align;
pub mod cli;
pub mod diff;
pub mod doc;
pub mod eval;
pub mod filelock;
pub mod glossary;
pub mod interchange;
pub mod interrupt;
pub mod lang;
pub mod lookup;
pub mod outfile;
pub mod qa;
pub mod script_marks;
pub mod search;
pub mod segment;
pub mod store;
pub mod text;
