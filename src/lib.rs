//! tm — a multilingual translation-memory workspace.
//!
//! Codemap (the README's Architecture section has the long form):
//! - [`text`]: normalisation (NFC), folding, tokens, Serbian Cyrillic ↔ Latin transliteration.
//! - [`lang`]: language tags, inferring a language from a file name.
//! - [`doc`]: reading input documents (UTF-8 check, BOM, CRLF) with errors that name the file.
//! - [`segment`]: rule-based sentence segmentation, abbreviation lists as data.
//! - [`align`]: the sentence aligner (length model + lexical anchors + banded DP). Pure.
//! - [`eval`]: scorers for segmentation and alignment test sets.
//! - [`store`]: the SQLite translation memory. The only module that speaks SQL.
//! - [`cli`]: argument parsing and rendering. The only module that prints.
//!
//! The library never prints; it returns data and errors.

pub mod align;
pub mod cli;
pub mod doc;
pub mod eval;
pub mod lang;
pub mod segment;
pub mod store;
pub mod text;
