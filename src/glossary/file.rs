//! The glossary file: TOML, one `[[concept]]` block per concept, sorted by id.
//!
//! ```toml
//! [glossary]
//! required-languages = ["en", "sq", "sr-Latn", "sr-Cyrl"]
//!
//! # A comment stays with the concept below it.
//! [[concept]]
//! id = "pristina"
//! type = "place"
//! note = "Capital of Kosovo."
//! en = ["Pristina"]
//! sq = ["Prishtinë", { term = "Pristina", status = "forbidden", note = "English spelling" }]
//! sr-Latn = ["Priština"]
//! sr-Cyrl = ["Приштина"]
//! ```
//!
//! A term is a string (a preferred term) or an inline table with `term` and
//! any of `status` (preferred, admitted, forbidden), `case-sensitive`,
//! `exact-only`, `note`. Every other key of a concept is a BCP 47 tag in
//! canonical case.
//!
//! Reading reports errors as `file:line:column` with the offending line.
//! Edits go through `toml_edit`, so comments and formatting stay as written;
//! the new text is parsed again before it is written, and written atomically
//! (temporary file, then rename): a failed edit leaves the file untouched.
//! An edit that would bring in a lint error ([`super::lint::new_errors`]) fails.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use super::{CONCEPT_TYPES, Carries, Concept, Glossary, Imported, Status, Term, valid_id};

/// Where concepts and terms are in the file (1-based lines), for messages.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    pub concept_lines: Vec<usize>,
    /// One line per term, parallel to each concept's `terms`.
    pub term_lines: Vec<Vec<usize>>,
}

/// A glossary read from a file, with its text (edits start from it).
#[derive(Debug, Clone)]
pub struct GlossaryFile {
    pub path: PathBuf,
    /// The file's text with LF line ends and no BOM (what edits work on).
    pub text: String,
    pub glossary: Glossary,
    pub map: SourceMap,
    /// How the file writes its text: given back on save.
    pub layout: Layout,
}

/// How a file writes its text apart from its content: a BOM, CRLF line
/// ends. A glossary edited on Windows keeps them, so that a diff shows the
/// edit and not every line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    pub bom: bool,
    /// Most lines end with CRLF.
    pub crlf: bool,
}

impl Layout {
    /// The layout of `text`, and its text with LF line ends and no BOM.
    pub fn read(text: &str) -> (Layout, String) {
        let (bom, body) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let crlf_ends = body.matches("\r\n").count();
        let crlf = crlf_ends > 0 && crlf_ends * 2 >= body.matches('\n').count();
        let body = if crlf_ends > 0 {
            body.replace("\r\n", "\n")
        } else {
            body.to_string()
        };
        (Layout { bom, crlf }, body)
    }

    /// `text` (LF line ends) written in this layout.
    pub fn write(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 16 + 3);
        if self.bom {
            out.push('\u{feff}');
        }
        if self.crlf {
            out.push_str(&text.replace('\n', "\r\n"));
        } else {
            out.push_str(text);
        }
        out
    }
}

/// A malformed glossary: where, what, and the line itself.
#[derive(Debug, Clone)]
pub struct FileError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub line_text: String,
    pub message: String,
}

/// Characters of the offending line shown at most (a TBX file may be one
/// long line): a window around the column.
const EXCERPT_CHARS: usize = 160;

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let num = self.line.to_string();
        let pad = " ".repeat(num.len());
        let chars: Vec<char> = self.line_text.chars().collect();
        let col = self.column.saturating_sub(1).min(chars.len());
        let (from, to) = if chars.len() <= EXCERPT_CHARS {
            (0, chars.len())
        } else {
            let from = col
                .saturating_sub(EXCERPT_CHARS / 2)
                .min(chars.len() - EXCERPT_CHARS);
            (from, from + EXCERPT_CHARS)
        };
        let mut shown: String = chars[from..to].iter().collect();
        let mut caret_pad: String = chars[from..col]
            .iter()
            .map(|c| if *c == '\t' { '\t' } else { ' ' })
            .collect();
        if from > 0 {
            shown.insert(0, '…');
            caret_pad.insert(0, ' ');
        }
        if to < chars.len() {
            shown.push('…');
        }
        write!(
            f,
            "{}:{}:{}: {}\n{pad} |\n{num} | {shown}\n{pad} | {caret_pad}^",
            self.path, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for FileError {}

impl FileError {
    /// An error at byte offset `pos` (start of file if unknown) of `text`,
    /// the contents of `path`: line, column and the line itself.
    pub fn at(path: &str, text: &str, pos: Option<usize>, message: impl Into<String>) -> FileError {
        let (line, column) = line_col(text, pos.unwrap_or(0));
        FileError {
            path: path.to_string(),
            line,
            column,
            line_text: line_text(text, line),
            message: message.into(),
        }
    }
}

/// 1-based line and column (in characters) of byte offset `pos` of `text`.
pub fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let pos = pos.min(text.len());
    let pos = (0..=pos)
        .rev()
        .find(|p| text.is_char_boundary(*p))
        .unwrap_or(0);
    let before = &text[..pos];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..pos].chars().count() + 1)
}

/// Byte offset where each line of `text` starts: the line of offset `pos`
/// is `partition_point(|s| *s <= pos)`.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

fn line_text(text: &str, line: usize) -> String {
    text.lines()
        .nth(line - 1)
        .unwrap_or("")
        .trim_end_matches('\r')
        .to_string()
}

struct Ctx<'a> {
    path: &'a str,
    text: &'a str,
    /// Byte offset where each line starts (lines of every term are looked up).
    line_starts: Vec<usize>,
}

impl Ctx<'_> {
    fn err(&self, pos: Option<usize>, message: impl Into<String>) -> FileError {
        FileError::at(self.path, self.text, pos, message)
    }

    fn line(&self, pos: Option<usize>) -> usize {
        let pos = pos.unwrap_or(0);
        self.line_starts.partition_point(|s| *s <= pos)
    }
}

/// Parse glossary text; `path` is only used in messages. The first error
/// in the file (see [`parse_all`]).
pub fn parse(path: &str, text: &str) -> Result<(Glossary, SourceMap), FileError> {
    parse_all(path, text).map_err(|mut errors| errors.remove(0))
}

/// Parse glossary text: a TOML syntax error stops the reading, while every
/// error in what the file says (an id, a type, a language tag, a term) is
/// reported, in file order.
pub fn parse_all(path: &str, text: &str) -> Result<(Glossary, SourceMap), Vec<FileError>> {
    let line_starts = line_starts(text);
    let cx = Ctx {
        path,
        text,
        line_starts,
    };
    let doc = toml_edit::Document::parse(text.to_string()).map_err(|e| {
        if let Some(at) = conflict_marker(text) {
            let advice = match added_on_both_sides(&text[at..]) {
                Some((ours, theirs)) => format!(
                    "each side adds concepts ({}; {}): keep both, in id order",
                    ours.join(", "),
                    theirs.join(", ")
                ),
                None => "keep one side".to_string(),
            };
            return vec![cx.err(
                Some(at),
                format!(
                    "an unresolved git merge conflict (<<<<<<< … ======= … >>>>>>>): {advice}, remove the markers, then run `tm glossary lint`"
                ),
            )];
        }
        let msg = e.message().trim().to_string();
        vec![cx.err(e.span().map(|s| s.start), format!("invalid TOML: {msg}"))]
    })?;
    let root = doc.as_table();
    let mut glossary = Glossary::default();
    let mut map = SourceMap::default();
    let mut errors: Vec<FileError> = Vec::new();
    for (key, item) in root.iter() {
        let key_pos = root.key(key).and_then(|k| k.span()).map(|s| s.start);
        match key {
            "glossary" => {
                let Some(t) = item.as_table() else {
                    errors.push(cx.err(key_pos, "`glossary` must be a table"));
                    continue;
                };
                for (k, v) in t.iter() {
                    let pos = v.span().map(|s| s.start).or(key_pos);
                    match k {
                        "required-languages" => {
                            let Some(arr) = v.as_array() else {
                                errors.push(cx.err(
                                    pos,
                                    "`required-languages` must be an array of language tags",
                                ));
                                continue;
                            };
                            for lv in arr.iter() {
                                let p = lv.span().map(|s| s.start);
                                let tag = lv
                                    .as_str()
                                    .ok_or_else(|| cx.err(p, "a language tag must be a string"))
                                    .and_then(|tag| canonical_tag(&cx, p, tag));
                                match tag {
                                    Ok(tag) => glossary.required_languages.push(tag),
                                    Err(e) => errors.push(e),
                                }
                            }
                        }
                        "description" => {}
                        other => errors.push(cx.err(
                            t.key(other).and_then(|k| k.span()).map(|s| s.start),
                            format!("unknown key `{other}` in [glossary] (expected required-languages or description)"),
                        )),
                    }
                }
            }
            "concept" => {
                let Some(aot) = item.as_array_of_tables() else {
                    errors.push(cx.err(key_pos, "concepts are written as [[concept]] blocks"));
                    continue;
                };
                for table in aot.iter() {
                    match parse_concept(&cx, table) {
                        Ok((concept, line, term_lines)) => {
                            glossary.concepts.push(concept);
                            map.concept_lines.push(line);
                            map.term_lines.push(term_lines);
                        }
                        Err(e) => errors.extend(e),
                    }
                }
            }
            other => errors.push(cx.err(
                key_pos,
                format!("unknown top-level key `{other}` (expected [glossary] or [[concept]])"),
            )),
        }
    }
    if errors.is_empty() {
        Ok((glossary, map))
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

/// The offset of a line git writes to open a merge conflict (`<<<<<<< HEAD`),
/// when the text also has the line that closes it (`>>>>>>> branch`).
fn conflict_marker(text: &str) -> Option<usize> {
    let starts = |line: &str, mark: &str| {
        line.strip_prefix(mark)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\r', '\n']))
    };
    let open = line_starts(text)
        .into_iter()
        .find(|&at| starts(&text[at..], "<<<<<<<"))?;
    text[open..]
        .lines()
        .any(|l| starts(l, ">>>>>>>"))
        .then_some(open)
}

/// The ids of the concepts each side of the conflict that `hunk` opens
/// adds, when both sides add concepts and none the same: two branches
/// that each added a concept at the same place, where keeping one side
/// would lose the other's.
fn added_on_both_sides(hunk: &str) -> Option<(Vec<String>, Vec<String>)> {
    let mut sides: [Vec<String>; 2] = Default::default();
    let mut side = 0;
    let mut blocks = [0, 0];
    for line in hunk.lines().skip(1) {
        if line.starts_with(">>>>>>>") {
            break;
        }
        if line.starts_with("=======") {
            side = 1;
            continue;
        }
        if line.starts_with("|||||||") {
            return None;
        }
        let line = line.trim();
        if line == "[[concept]]" {
            blocks[side] += 1;
        }
        if let Some(v) = line.strip_prefix("id").map(str::trim_start)
            && let Some(v) = v.strip_prefix('=')
        {
            sides[side].push(v.trim().trim_matches('"').to_string());
        }
    }
    let [ours, theirs] = sides;
    let whole = blocks[0] == ours.len() && blocks[1] == theirs.len();
    let disjoint = ours.iter().all(|id| !theirs.contains(id));
    (whole && !ours.is_empty() && !theirs.is_empty() && disjoint).then_some((ours, theirs))
}

fn canonical_tag(cx: &Ctx, pos: Option<usize>, tag: &str) -> Result<String, FileError> {
    let canon = crate::lang::strict(tag).map_err(|e| cx.err(pos, format!("{e:#}")))?;
    if canon != tag {
        return Err(cx.err(pos, format!("write the language tag `{tag}` as `{canon}`")));
    }
    Ok(canon)
}

/// A concept block: the concept, the line of its id and the line of each
/// term; or every error in it.
fn parse_concept(cx: &Ctx, t: &Table) -> Result<(Concept, usize, Vec<usize>), Vec<FileError>> {
    let table_pos = t.span().map(|s| s.start);
    let mut errors = Vec::new();
    let mut str_of = |k: &str| -> Option<(String, Option<usize>)> {
        let item = t.get(k)?;
        let pos = item.span().map(|s| s.start);
        match item.as_str() {
            Some(s) => Some((s.to_string(), pos)),
            None => {
                errors.push(cx.err(pos, format!("`{k}` must be a string")));
                None
            }
        }
    };
    let (id, id_pos) = match str_of("id") {
        Some(id) => id,
        None => (String::new(), table_pos),
    };
    let kind = str_of("type");
    let note = str_of("note").map(|(s, _)| s);
    if t.get("id").is_none() {
        errors.push(cx.err(table_pos, "a concept needs an `id`"));
    } else if t.get("id").is_some_and(|i| i.as_str().is_some()) && !valid_id(&id) {
        errors.push(cx.err(id_pos, super::id_rule(&id)));
    }
    let kind = match kind {
        Some((kind, kind_pos)) => {
            if !CONCEPT_TYPES.contains(&kind.as_str()) {
                errors.push(cx.err(
                    kind_pos,
                    format!(
                        "unknown type `{kind}` (expected one of {})",
                        CONCEPT_TYPES.join(", ")
                    ),
                ));
            }
            kind
        }
        None => {
            if t.get("type").is_none() {
                errors.push(cx.err(id_pos, format!("concept `{id}` needs a `type`")));
            }
            String::new()
        }
    };
    let mut terms = Vec::new();
    let mut lines = Vec::new();
    for (key, item) in t.iter() {
        if matches!(key, "id" | "type" | "note") {
            continue;
        }
        let key_pos = t.key(key).and_then(|k| k.span()).map(|s| s.start);
        if !key.contains('-') && key.len() > 3 {
            errors.push(cx.err(
                key_pos,
                format!("unknown key `{key}` in concept `{id}` (expected id, type, note or a language tag)"),
            ));
            continue;
        }
        let lang = match canonical_tag(cx, key_pos, key) {
            Ok(lang) => lang,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let Some(value) = item.as_value() else {
            errors.push(cx.err(
                key_pos,
                format!("`{key}` must be a term or an array of terms"),
            ));
            continue;
        };
        let values: Vec<&Value> = match value {
            Value::Array(a) => a.iter().collect(),
            v => vec![v],
        };
        for v in values {
            let pos = v.span().map(|s| s.start).or(key_pos);
            match parse_term(cx, pos, &lang, v) {
                Ok(term) => {
                    terms.push(term);
                    lines.push(cx.line(pos));
                }
                Err(e) => errors.push(e),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((
        Concept {
            id,
            kind,
            note,
            terms,
        },
        cx.line(id_pos.or(table_pos)),
        lines,
    ))
}

fn parse_term(cx: &Ctx, pos: Option<usize>, lang: &str, v: &Value) -> Result<Term, FileError> {
    let mut term = Term {
        lang: lang.to_string(),
        text: String::new(),
        status: Status::Preferred,
        case_sensitive: false,
        exact_only: false,
        note: None,
    };
    match v {
        Value::String(s) => term.text = s.value().clone(),
        Value::InlineTable(it) => {
            for (k, val) in it.iter() {
                let p = val.span().map(|s| s.start).or(pos);
                let want_str = || {
                    val.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| cx.err(p, format!("`{k}` must be a string")))
                };
                let want_bool = || {
                    val.as_bool()
                        .ok_or_else(|| cx.err(p, format!("`{k}` must be true or false")))
                };
                match k {
                    "term" => term.text = want_str()?,
                    "status" => {
                        let s = want_str()?;
                        term.status = Status::parse(&s).ok_or_else(|| {
                            cx.err(
                                p,
                                format!("unknown status `{s}` (expected preferred, admitted or forbidden)"),
                            )
                        })?;
                    }
                    "case-sensitive" => term.case_sensitive = want_bool()?,
                    "exact-only" => term.exact_only = want_bool()?,
                    "note" => term.note = Some(want_str()?),
                    other => {
                        return Err(cx.err(
                            p,
                            format!("unknown term key `{other}` (expected term, status, case-sensitive, exact-only or note)"),
                        ));
                    }
                }
            }
            if term.text.is_empty() {
                return Err(cx.err(pos, "a term table needs a non-empty `term`"));
            }
        }
        _ => {
            return Err(cx.err(
                pos,
                "a term is a string or a table like { term = \"…\", status = \"admitted\" }",
            ));
        }
    }
    if term.text.trim().is_empty() {
        return Err(cx.err(pos, "empty term"));
    }
    Ok(term)
}

impl GlossaryFile {
    /// Read and parse a glossary file.
    pub fn load(path: &Path) -> anyhow::Result<GlossaryFile> {
        let bytes = std::fs::read(path).with_context(|| {
            format!(
                "cannot read the glossary {} (pass --glossary FILE, or create it with `tm glossary add`)",
                path.display()
            )
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!(
                "{}: not UTF-8 (at byte {})",
                path.display(),
                e.utf8_error().valid_up_to()
            )
        })?;
        let (layout, text) = Layout::read(&text);
        let name = path.display().to_string();
        let (glossary, map) = parse_all(&name, &text).map_err(|mut errors| {
            if errors.len() == 1 {
                return anyhow::Error::new(errors.remove(0));
            }
            let each: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            anyhow::anyhow!("{} errors in {name}:\n{}", errors.len(), each.join("\n"))
        })?;
        Ok(GlossaryFile {
            path: path.to_path_buf(),
            text,
            glossary,
            map,
            layout,
        })
    }

    /// An empty glossary for `path` (for the first `add` or `import`).
    pub fn empty(path: &Path, required_languages: &[String]) -> GlossaryFile {
        let mut text = String::from(
            "# Glossary (see `tm glossary --help`). One [[concept]] block per concept, sorted by id.\n",
        );
        if !required_languages.is_empty() {
            let langs: Vec<String> = required_languages
                .iter()
                .map(|l| Value::from(l.as_str()).to_string())
                .collect();
            text.push_str(&format!(
                "\n[glossary]\nrequired-languages = [{}]\n",
                langs.join(", ")
            ));
        }
        GlossaryFile {
            path: path.to_path_buf(),
            text,
            glossary: Glossary {
                required_languages: required_languages.to_vec(),
                concepts: Vec::new(),
            },
            map: SourceMap::default(),
            layout: Layout::default(),
        }
    }

    /// Load `path`, or start an empty glossary if there is no file yet.
    pub fn load_or_empty(path: &Path) -> anyhow::Result<GlossaryFile> {
        if path.exists() {
            GlossaryFile::load(path)
        } else {
            Ok(GlossaryFile::empty(path, &[]))
        }
    }

    fn doc(&self) -> anyhow::Result<DocumentMut> {
        self.text
            .parse::<DocumentMut>()
            .with_context(|| format!("cannot edit {}", self.path.display()))
    }

    /// Check the new text parses, then keep it (not yet written).
    fn accept(&mut self, text: String) -> anyhow::Result<()> {
        let (glossary, map) = parse(&self.path.display().to_string(), &text)
            .map_err(|e| anyhow::anyhow!("the edit would make the glossary invalid: {e}"))?;
        self.text = text;
        self.glossary = glossary;
        self.map = map;
        Ok(())
    }

    /// Run `edit`, and keep what it did only if the result brings in nothing
    /// that lint reports as an error; otherwise the file is as it was.
    fn checked<T>(
        &mut self,
        edit: impl FnOnce(&mut Self) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        self.checked_at(edit, &|_| None)
    }

    /// [`Self::checked`], naming where a concept came from (`file:line: `)
    /// with `locate(id)`.
    fn checked_at<T>(
        &mut self,
        edit: impl FnOnce(&mut Self) -> anyhow::Result<T>,
        locate: &dyn Fn(&str) -> Option<String>,
    ) -> anyhow::Result<T> {
        let saved = (self.text.clone(), self.glossary.clone(), self.map.clone());
        let result = edit(self).and_then(|v| {
            let errors = super::lint::new_errors(&saved.1, &self.glossary);
            if errors.is_empty() {
                return Ok(v);
            }
            let each: Vec<String> = errors
                .iter()
                .map(|f| {
                    format!(
                        "{}lint would report {} in concept `{}`: {}",
                        locate(&f.concept).unwrap_or_default(),
                        f.check,
                        f.concept,
                        f.message
                    )
                })
                .collect();
            anyhow::bail!("{}", each.join("\n  "))
        });
        if result.is_err() {
            (self.text, self.glossary, self.map) = saved;
        }
        result
    }

    /// Add a concept at its sorted place. Refuses a duplicate id, a term
    /// that another concept already has in the same language, and whatever
    /// else lint would report as an error.
    pub fn add(&mut self, concept: &Concept) -> anyhow::Result<()> {
        self.checked(|f| f.add_unchecked(concept))
    }

    fn add_unchecked(&mut self, concept: &Concept) -> anyhow::Result<()> {
        check_new_concept(&self.glossary, concept)?;
        let mut doc = self.doc()?;
        let was_empty = doc.as_table().is_empty();
        let old_first = first_id(&mut doc);
        let mut table = concept_table(concept)?;
        let aot = concepts_or_new(&mut doc)?;
        let index = sorted_index(aot, &concept.id);
        table.decor_mut().set_prefix("\n");
        table.set_position(None);
        aot.insert(index, table);
        if was_empty {
            header_first(&mut doc);
        }
        header_stays_first(&mut doc, old_first);
        self.accept(doc.to_string())
    }

    /// Add terms to concept `id`, each after the concept's last term in
    /// its language (a new language after the others). Only the languages
    /// that change are written anew; comments stay. Refused, as every
    /// edit, if lint would report an error.
    pub fn add_terms(&mut self, id: &str, terms: &[Term]) -> anyhow::Result<()> {
        self.checked(|f| f.add_terms_unchecked(id, terms))
    }

    fn add_terms_unchecked(&mut self, id: &str, terms: &[Term]) -> anyhow::Result<()> {
        let index = self.index_of(id)?;
        let old = self.glossary.concepts[index].clone();
        let mut new = old.clone();
        for t in terms {
            let at = new
                .terms
                .iter()
                .rposition(|u| u.lang == t.lang)
                .map_or(new.terms.len(), |i| i + 1);
            new.terms.insert(at, t.clone());
        }
        let mut doc = self.doc()?;
        let aot = concepts_mut(&mut doc)?;
        let table = aot.get_mut(index).context("a concept went missing")?;
        replace_in_place(table, &old, &new)?;
        self.accept(doc.to_string())
    }

    /// Remove a concept (its comment goes with it).
    pub fn remove(&mut self, id: &str) -> anyhow::Result<Concept> {
        self.checked(|f| f.remove_unchecked(id))
    }

    fn remove_unchecked(&mut self, id: &str) -> anyhow::Result<Concept> {
        let index = self.index_of(id)?;
        let removed = self.glossary.concepts[index].clone();
        let mut doc = self.doc()?;
        let aot = concepts_mut(&mut doc)?;
        aot.remove(index);
        self.accept(doc.to_string())?;
        Ok(removed)
    }

    /// Give a concept a new id, moving its block to keep the ids sorted.
    pub fn rename(&mut self, old: &str, new: &str) -> anyhow::Result<()> {
        self.checked(|f| f.rename_unchecked(old, new))
    }

    fn rename_unchecked(&mut self, old: &str, new: &str) -> anyhow::Result<()> {
        if !valid_id(new) {
            anyhow::bail!("{}", super::id_rule(new));
        }
        if self.glossary.concept(new).is_some() {
            anyhow::bail!("there is already a concept `{new}`");
        }
        let index = self.index_of(old)?;
        let mut doc = self.doc()?;
        let aot = concepts_mut(&mut doc)?;
        let mut table = aot.remove(index);
        let decor = table
            .get("id")
            .and_then(Item::as_value)
            .map(|v| v.decor().clone());
        let mut v = Value::from(new);
        if let Some(d) = decor {
            *v.decor_mut() = d;
        }
        table.insert("id", Item::Value(v));
        let to = sorted_index(aot, new);
        table.set_position(None);
        aot.insert(to, table);
        self.accept(doc.to_string())
    }

    /// Merge an imported glossary: its regional tags are read as the
    /// glossary's languages where it does not tell regions apart (`sq-AL`
    /// → `sq`), new ids are added at their sorted place, a known id is
    /// compared in what the file carries ([`Carries`]: a language, type or
    /// note the file does not have at all stays as it is), and
    /// an identical concept is skipped, a different one under a known id is
    /// a conflict unless `replace`. Its required languages are taken when the
    /// glossary has none; other ones than the glossary's (in any order) are a
    /// conflict unless `replace`. All or nothing: refused if the result would
    /// have a lint error the glossary had not.
    ///
    /// `from` names the imported file and `imported.lines` where each of
    /// its concepts starts, for messages.
    pub fn merge(
        &mut self,
        imported: &Imported,
        from: &str,
        replace: bool,
    ) -> anyhow::Result<Merged> {
        let at: HashMap<&str, usize> = imported
            .glossary
            .concepts
            .iter()
            .zip(&imported.lines.concept_lines)
            .map(|(c, l)| (c.id.as_str(), *l))
            .collect();
        let locate = |id: &str| at.get(id).map(|l| format!("{from}:{l}: "));
        let mut glossary = imported.glossary.clone();
        let read_as = super::read_as_languages_of(&mut glossary, &self.glossary);
        let mut carries = Carries {
            languages: Vec::new(),
            ..imported.carries.clone()
        };
        for lang in &imported.carries.languages {
            let to = read_as.iter().find(|(f, _)| f == lang).map(|(_, t)| t);
            carries.language(to.unwrap_or(lang));
        }
        let mut m = self.checked_at(
            |f| f.merge_unchecked(&glossary, &carries, &locate, replace),
            &locate,
        )?;
        // Each tag as the file wrote it, with what it became: a legacy tag
        // in today's form (`SR-SP-Latn` → `sr-Latn`), then as one of the
        // glossary's languages (`en-US` → `en`). A tag written in other
        // case only is the same tag, named in its canonical case.
        let mut listed: Vec<(String, String)> = Vec::new();
        for (written, canon) in &imported.read.tags {
            let to = read_as
                .iter()
                .find(|(f, _)| f == canon)
                .map_or(canon, |(_, t)| t);
            let from = if written.eq_ignore_ascii_case(canon) {
                canon
            } else {
                written
            };
            let pair = (from.clone(), to.clone());
            if !from.eq_ignore_ascii_case(to) && !listed.contains(&pair) {
                listed.push(pair);
            }
        }
        for (from, to) in read_as {
            if !imported.read.tags.iter().any(|(_, c)| *c == from) {
                listed.push((from, to));
            }
        }
        m.languages_read_as = listed;
        Ok(m)
    }

    fn merge_unchecked(
        &mut self,
        imported: &Glossary,
        carries: &Carries,
        locate: &dyn Fn(&str) -> Option<String>,
        replace: bool,
    ) -> anyhow::Result<Merged> {
        let mut m = Merged::default();
        let mut conflicts = Vec::new();
        let index: HashMap<&str, usize> = self.id_index();
        // (index in the glossary, the concept as it will be)
        let mut changed: Vec<(usize, Concept)> = Vec::new();
        let mut new: Vec<&Concept> = Vec::new();
        // what known concepts have and the file does not carry: kept
        let mut kept_langs: Vec<&str> = Vec::new();
        let (mut kept_kind, mut kept_note) = (false, false);
        for c in &imported.concepts {
            let Some(&i) = index.get(c.id.as_str()) else {
                new.push(c);
                continue;
            };
            let old = &self.glossary.concepts[i];
            for lang in old.languages() {
                if !carries.languages.iter().any(|l| l == lang) && !kept_langs.contains(&lang) {
                    kept_langs.push(lang);
                }
            }
            kept_kind |= !carries.gives_type(&c.id);
            kept_note |= !carries.note && old.note.is_some();
            let c = carries.applied(old, c);
            if *old == c {
                m.unchanged += 1;
            } else if !replace {
                conflicts.push(c.id.clone());
            } else {
                changed.push((i, c));
            }
        }
        drop(index);
        m.kept_not_in_file = kept_langs.into_iter().map(String::from).collect();
        if kept_kind {
            m.kept_not_in_file.push("type".into());
        }
        if kept_note {
            m.kept_not_in_file.push("note".into());
        }
        let langs = &imported.required_languages;
        let have = &self.glossary.required_languages;
        let same_langs = {
            let (mut a, mut b) = (langs.clone(), have.clone());
            a.sort();
            b.sort();
            a == b
        };
        let take_langs = !langs.is_empty() && !same_langs;
        let mut problems = Vec::new();
        if !conflicts.is_empty() {
            problems.push(format!(
                "{} concept(s) differ from the glossary: {}",
                conflicts.len(),
                conflicts.join(", ")
            ));
        }
        if take_langs && !have.is_empty() && !replace {
            problems.push(format!(
                "the required languages differ: the file requires {}, the glossary {}",
                langs.join(", "),
                have.join(", ")
            ));
        }
        if !problems.is_empty() {
            anyhow::bail!(
                "{} (use --replace to take the imported version)",
                problems.join("; ")
            );
        }
        if take_langs {
            self.set_required_languages_unchecked(langs)?;
            m.required_languages = Some(langs.clone());
        }
        // The glossary as it will be (replacements in place, new ones at the
        // end), to check the new concepts against at once.
        let mut after = self.glossary.clone();
        for (i, c) in &changed {
            after.concepts[*i] = c.clone();
        }
        let known = after.concepts.len();
        after.concepts.extend(new.iter().map(|c| (*c).clone()));
        check_new_concepts(&after, known).map_err(|(i, e)| {
            let id = &after.concepts[i].id;
            anyhow::anyhow!("{}{e}", locate(id).unwrap_or_default())
        })?;

        // One document edit: changed concepts in place, new ones at their
        // sorted places; rendered and parsed once.
        let mut doc = self.doc()?;
        if !changed.is_empty() {
            let aot = concepts_mut(&mut doc)?;
            for (i, c) in &changed {
                let table = aot.get_mut(*i).context("a concept went missing")?;
                replace_in_place(table, &self.glossary.concepts[*i], c)?;
            }
        }
        if !new.is_empty() {
            let was_empty = doc.as_table().is_empty();
            let old_first = first_id(&mut doc);
            insert_sorted(concepts_or_new(&mut doc)?, &new)?;
            if was_empty {
                header_first(&mut doc);
            }
            header_stays_first(&mut doc, old_first);
        }
        m.replaced = changed.len();
        m.added = new.len();
        if m.replaced + m.added > 0 {
            self.accept(doc.to_string())?;
        }
        Ok(m)
    }

    /// Set `[glossary] required-languages`, keeping the comments around it;
    /// a new `[glossary]` table goes after the file's opening comment.
    fn set_required_languages_unchecked(&mut self, langs: &[String]) -> anyhow::Result<()> {
        let array = format!(
            "[{}]",
            langs
                .iter()
                .map(|l| Value::from(l.as_str()).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut doc = self.doc()?;
        if let Some(t) = doc.get_mut("glossary").and_then(Item::as_table_mut) {
            let mut v: Value = array
                .parse()
                .context("cannot write the required languages")?;
            match t.get_mut("required-languages") {
                // in place: the key and the comments around it stay
                Some(item) => {
                    if let Some(old) = item.as_value() {
                        *v.decor_mut() = old.decor().clone();
                    }
                    *item = Item::Value(v);
                }
                None => {
                    t.insert("required-languages", Item::Value(v));
                }
            }
            return self.accept(doc.to_string());
        }
        let at = opening_comment_end(&self.text);
        let mut text = self.text.clone();
        let mut block = format!("[glossary]\nrequired-languages = {array}\n");
        if at < text.len() {
            block.push('\n');
        }
        if at > 0 && !text[..at].ends_with("\n\n") {
            block.insert(0, '\n');
        }
        text.insert_str(at, &block);
        self.accept(text)
    }

    /// Each id's index (the first, if an id is given twice).
    fn id_index(&self) -> HashMap<&str, usize> {
        let mut out = HashMap::new();
        for (i, c) in self.glossary.concepts.iter().enumerate() {
            out.entry(c.id.as_str()).or_insert(i);
        }
        out
    }

    /// The index of concept `id`; refused when the id is given twice
    /// (which one is meant?).
    fn index_of(&self, id: &str) -> anyhow::Result<usize> {
        let mut found = self
            .glossary
            .concepts
            .iter()
            .enumerate()
            .filter(|(_, c)| c.id == id)
            .map(|(i, _)| i);
        let index = found
            .next()
            .with_context(|| format!("there is no concept `{id}` in {}", self.path.display()))?;
        if let Some(again) = found.next() {
            let line = |i: usize| self.map.concept_lines.get(i).copied().unwrap_or(0);
            anyhow::bail!(
                "the id `{id}` is given twice in {}, at lines {} and {}: make the ids unique first (`tm glossary lint` lists them)",
                self.path.display(),
                line(index),
                line(again)
            );
        }
        Ok(index)
    }

    /// Write the text atomically (a temporary file beside it, then
    /// rename), with the file's BOM and line ends.
    pub fn save(&self) -> anyhow::Result<()> {
        write_atomic(&self.path, self.layout.write(&self.text).as_bytes())
    }
}

/// What [`GlossaryFile::merge`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// The required languages taken from the import, if they changed.
    pub required_languages: Option<Vec<String>>,
    /// Regional tags of the import read as the glossary's languages
    /// (`sq-AL` → `sq`; [`super::read_as_languages_of`]).
    pub languages_read_as: Vec<(String, String)>,
    /// What concepts the file names have and the file does not carry at
    /// all, kept as they are: languages (in the glossary's order), then
    /// `type` and `note` (the keys of a concept block).
    pub kept_not_in_file: Vec<String>,
}

/// The end of the comment that opens a file and is followed by a blank line
/// (it belongs to the file, not to the first block), or 0.
fn opening_comment_end(text: &str) -> usize {
    let mut at = 0;
    let mut seen_comment = false;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('#') {
            seen_comment = true;
            at += line.len();
        } else if line.trim().is_empty() && seen_comment {
            return at + line.len();
        } else {
            break;
        }
    }
    if at == text.len() { at } else { 0 }
}

/// Refuse a duplicate id, a term another concept has (same language, same
/// folded text), and a term given twice with different statuses.
pub fn check_new_concept(g: &Glossary, c: &Concept) -> anyhow::Result<()> {
    let mut all = g.clone();
    all.concepts.push(c.clone());
    check_new_concepts(&all, g.concepts.len()).map_err(|(_, e)| e)
}

/// [`check_new_concept`] for each of `g.concepts[known..]`, against all the
/// others, in one pass over the glossary.
/// An error names the index of the concept.
fn check_new_concepts(g: &Glossary, known: usize) -> Result<(), (usize, anyhow::Error)> {
    if known == g.concepts.len() {
        return Ok(());
    }
    let mut ids: HashSet<&str> = g.concepts[..known].iter().map(|c| c.id.as_str()).collect();
    // (language, NFC text) → (concept, term) of the first two concepts that have it
    let mut owners: HashMap<(&str, String), Vec<(usize, usize)>> = HashMap::new();
    for (i, c) in g.concepts.iter().enumerate() {
        for (j, t) in c.terms.iter().enumerate() {
            let o = owners
                .entry((t.lang.as_str(), crate::text::nfc(&t.text)))
                .or_default();
            if o.len() < 2 && o.last().is_none_or(|(k, _)| *k != i) {
                o.push((i, j));
            }
        }
    }
    for (i, c) in g.concepts.iter().enumerate().skip(known) {
        check_one(g, &owners, &mut ids, i, c).map_err(|e| (i, e))?;
    }
    Ok(())
}

fn check_one<'a>(
    g: &Glossary,
    owners: &HashMap<(&str, String), Vec<(usize, usize)>>,
    ids: &mut HashSet<&'a str>,
    i: usize,
    c: &'a Concept,
) -> anyhow::Result<()> {
    {
        if !valid_id(&c.id) {
            anyhow::bail!("{}", super::id_rule(&c.id));
        }
        if !CONCEPT_TYPES.contains(&c.kind.as_str()) {
            anyhow::bail!(
                "unknown type `{}` (expected one of {})",
                c.kind,
                CONCEPT_TYPES.join(", ")
            );
        }
        if !ids.insert(&c.id) {
            anyhow::bail!(
                "there is already a concept `{0}`: add terms to it with `tm glossary add-term {0} --term LANG=TEXT`, or pick another id",
                c.id
            );
        }
        if c.terms.is_empty() {
            anyhow::bail!("concept `{}` has no terms", c.id);
        }
        for (j, t) in c.terms.iter().enumerate() {
            let key = crate::text::nfc(&t.text);
            if c.terms[..j]
                .iter()
                .any(|u| u.lang == t.lang && crate::text::nfc(&u.text) == key)
            {
                anyhow::bail!(
                    "the term `{}` ({}) is given twice in concept `{}`",
                    t.text,
                    t.lang,
                    c.id
                );
            }
            let other = owners[&(t.lang.as_str(), key)]
                .iter()
                .find(|(k, _)| *k != i && g.concepts[*k].id != c.id);
            if let Some(&(k, j)) = other {
                let (other, u) = (&g.concepts[k], &g.concepts[k].terms[j]);
                anyhow::bail!(
                    "the term `{}` ({}) already belongs to concept `{}` ({}): one term, one concept",
                    u.text,
                    u.lang,
                    other.id,
                    u.status.as_str()
                );
            }
        }
    }
    Ok(())
}

/// The `[[concept]]` array, made empty first if the file has none.
fn concepts_or_new(doc: &mut DocumentMut) -> anyhow::Result<&mut ArrayOfTables> {
    let root = doc.as_table_mut();
    if root.get("concept").is_none() {
        root.insert("concept", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    root.get_mut("concept")
        .and_then(Item::as_array_of_tables_mut)
        .context("`concept` is not an array of tables")
}

fn concepts_mut(doc: &mut DocumentMut) -> anyhow::Result<&mut ArrayOfTables> {
    doc.as_table_mut()
        .get_mut("concept")
        .and_then(Item::as_array_of_tables_mut)
        .context("the glossary has no [[concept]] blocks")
}

/// In a document that had no tables, its opening comment is trailing text,
/// which would end up after the new tables: make it the first table's prefix
/// (and give that table no blank line above when there is no comment).
fn header_first(doc: &mut DocumentMut) {
    let head = doc.trailing().as_str().unwrap_or("").trim().to_string();
    doc.set_trailing("");
    if let Ok(aot) = concepts_mut(doc) {
        if let Some(first) = aot.get_mut(0) {
            let prefix = if head.is_empty() {
                String::new()
            } else {
                format!("{head}\n\n")
            };
            first.decor_mut().set_prefix(prefix);
        }
    }
}

/// The id of the first concept block, if any.
fn first_id(doc: &mut DocumentMut) -> Option<String> {
    let aot = concepts_mut(doc).ok()?;
    let first = aot.get(0)?;
    first.get("id").and_then(Item::as_str).map(str::to_string)
}

/// In a file without `[glossary]`, the opening comment (up to its first
/// blank line) is the prefix of the first concept block; a concept inserted
/// before that one (`old_first`) takes the opening comment over, so it stays
/// at the top, while a comment right above the old first concept stays with it.
fn header_stays_first(doc: &mut DocumentMut, old_first: Option<String>) {
    if doc.as_table().contains_key("glossary") {
        return;
    }
    let Some(old_first) = old_first else { return };
    let Ok(aot) = concepts_mut(doc) else { return };
    let Some(k) = aot
        .iter()
        .position(|t| t.get("id").and_then(Item::as_str) == Some(old_first.as_str()))
    else {
        return;
    };
    if k == 0 {
        return;
    }
    let prefix = aot
        .get(k)
        .and_then(|t| t.decor().prefix())
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string();
    let body = prefix.trim_start();
    if !body.starts_with('#') {
        return;
    }
    let Some(split) = body.find("\n\n") else {
        return;
    };
    let (head, own) = (
        &body[..split + 1],
        body[split + 2..].trim_start_matches('\n'),
    );
    if let Some(t) = aot.get_mut(k) {
        t.decor_mut().set_prefix(format!("\n{own}"));
    }
    if let Some(t) = aot.get_mut(0) {
        t.decor_mut().set_prefix(format!("{head}\n"));
    }
}

/// Insert the tables of `new` (ids not in `aot`) each before the first
/// table whose id is greater, as [`sorted_index`] would one at a time.
fn insert_sorted(aot: &mut ArrayOfTables, new: &[&Concept]) -> anyhow::Result<()> {
    let mut new: Vec<&Concept> = new.to_vec();
    new.sort_by(|a, b| a.id.cmp(&b.id));
    let old: Vec<Table> = std::mem::take(aot).into_iter().collect();
    // The first table greater than an id is the first whose running maximum
    // is: the running maximum is sorted, so a binary search finds it.
    let mut max: Vec<String> = Vec::with_capacity(old.len());
    for t in &old {
        let id = t.get("id").and_then(Item::as_str).unwrap_or("");
        let m = match max.last() {
            Some(m) if m.as_str() >= id => m.clone(),
            _ => id.to_string(),
        };
        max.push(m);
    }
    let mut next = new.into_iter().peekable();
    let place = |id: &str| max.partition_point(|m| m.as_str() <= id);
    for (i, t) in old.into_iter().enumerate() {
        while let Some(c) = next.next_if(|c| place(&c.id) <= i) {
            aot.push(new_table(c)?);
        }
        aot.push(t);
    }
    for c in next {
        aot.push(new_table(c)?);
    }
    Ok(())
}

/// A concept's table, to insert in a document: a blank line before it.
fn new_table(c: &Concept) -> anyhow::Result<Table> {
    let mut table = concept_table(c)?;
    table.decor_mut().set_prefix("\n");
    table.set_position(None);
    Ok(table)
}

/// Make `table` (the block of `old`) say `new`: only the keys whose value
/// changed are written anew, keeping the comments and layout around them.
fn replace_in_place(table: &mut Table, old: &Concept, new: &Concept) -> anyhow::Result<()> {
    let mut rendered = concept_table(new)?;
    let terms = |c: &Concept, lang: &str| -> Vec<Term> {
        c.terms.iter().filter(|t| t.lang == lang).cloned().collect()
    };
    let mut keys: Vec<String> = vec!["type".into(), "note".into()];
    for lang in old.languages().into_iter().chain(new.languages()) {
        if !keys.iter().any(|k| k == lang) {
            keys.push(lang.to_string());
        }
    }
    for key in keys {
        let same = match key.as_str() {
            "type" => old.kind == new.kind,
            "note" => old.note == new.note,
            lang => terms(old, lang) == terms(new, lang),
        };
        if same {
            continue;
        }
        match (table.get_mut(&key), rendered.remove(&key)) {
            (Some(item), Some(mut value)) => {
                if let (Some(v), Some(o)) = (value.as_value_mut(), item.as_value()) {
                    *v.decor_mut() = o.decor().clone();
                }
                *item = value;
            }
            (None, Some(value)) => {
                table.insert(&key, value);
            }
            (_, None) => {
                table.remove(&key);
            }
        }
    }
    Ok(())
}

fn sorted_index(aot: &ArrayOfTables, id: &str) -> usize {
    aot.iter()
        .position(|t| t.get("id").and_then(Item::as_str).is_some_and(|x| x > id))
        .unwrap_or(aot.len())
}

/// The TOML text of one concept block (no leading blank line).
pub fn render_concept(c: &Concept) -> String {
    let mut s = String::from("[[concept]]\n");
    s.push_str(&format!("id = {}\n", Value::from(c.id.as_str())));
    s.push_str(&format!("type = {}\n", Value::from(c.kind.as_str())));
    if let Some(n) = &c.note {
        s.push_str(&format!("note = {}\n", Value::from(n.as_str())));
    }
    for lang in c.languages() {
        let items: Vec<String> = c
            .terms
            .iter()
            .filter(|t| t.lang == lang)
            .map(term_value)
            .collect();
        let one_line = format!("{lang} = [{}]", items.join(", "));
        if one_line.chars().count() <= 100 {
            s.push_str(&one_line);
            s.push('\n');
        } else {
            s.push_str(&format!("{lang} = [\n"));
            for i in items {
                s.push_str(&format!("    {i},\n"));
            }
            s.push_str("]\n");
        }
    }
    s
}

fn term_value(t: &Term) -> String {
    let plain =
        t.status == Status::Preferred && !t.case_sensitive && !t.exact_only && t.note.is_none();
    if plain {
        return Value::from(t.text.as_str()).to_string();
    }
    let mut it = InlineTable::new();
    it.insert("term", Value::from(t.text.as_str()));
    if t.status != Status::Preferred {
        it.insert("status", Value::from(t.status.as_str()));
    }
    if t.case_sensitive {
        it.insert("case-sensitive", Value::from(true));
    }
    if t.exact_only {
        it.insert("exact-only", Value::from(true));
    }
    if let Some(n) = &t.note {
        it.insert("note", Value::from(n.as_str()));
    }
    it.fmt();
    Value::InlineTable(it).to_string()
}

fn concept_table(c: &Concept) -> anyhow::Result<Table> {
    let text = render_concept(c);
    let mut doc: DocumentMut = text
        .parse()
        .with_context(|| format!("cannot render concept `{}`", c.id))?;
    let aot = concepts_mut(&mut doc)?;
    Ok(aot.remove(0))
}

/// Render a whole glossary as a new file (export to TOML, tests).
pub fn render(g: &Glossary) -> String {
    let mut f = GlossaryFile::empty(Path::new("glossary.toml"), &g.required_languages);
    let mut text = f.text.clone();
    for c in &g.concepts {
        text.push('\n');
        text.push_str(&render_concept(c));
    }
    f.text = text;
    f.text
}

/// Write `bytes` to `path` whole or not at all (see [`crate::outfile`]):
/// through a symlink, the file it points to, keeping its permissions. The
/// folder is made when missing (`glossaries/` of a new workspace, as
/// `memory/` is for the TM).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.exists() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the folder {}", dir.display()))?;
        }
    }
    crate::outfile::write(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layout_is_read_and_written_back() {
        let (l, text) = Layout::read("\u{feff}a = 1\r\nb = 2\r\n");
        assert_eq!(
            (l, text.as_str()),
            (
                Layout {
                    bom: true,
                    crlf: true
                },
                "a = 1\nb = 2\n"
            )
        );
        assert_eq!(l.write("a = 1\nc = 3\n"), "\u{feff}a = 1\r\nc = 3\r\n");
        // mostly LF: written with LF (the stray CR line end goes)
        let (l, text) = Layout::read("a = 1\nb = 2\r\nc = 3\nd = 4\n");
        assert_eq!(
            (l, text.as_str()),
            (Layout::default(), "a = 1\nb = 2\nc = 3\nd = 4\n")
        );
    }

    const SAMPLE: &str = "# top comment\n[glossary]\nrequired-languages = [\"en\", \"sq\"]\n\n# Kosovo, the place.\n[[concept]]\nid = \"kosovo\"\ntype = \"place\"\nen = [\"Kosovo\"]\nsq = [\"Kosovë\", { term = \"Kosova\", status = \"admitted\" }]\n\n# NATO comment\n[[concept]]\nid = \"nato\"\ntype = \"organisation\"\nen = [{ term = \"NATO\", case-sensitive = true }]\n";

    #[test]
    fn parses_terms_and_lines() {
        let (g, map) = parse("g.toml", SAMPLE).unwrap();
        assert_eq!(g.required_languages, ["en", "sq"]);
        assert_eq!(g.concepts.len(), 2);
        assert_eq!(g.concepts[0].terms[2].status, Status::Admitted);
        assert!(g.concepts[1].terms[0].case_sensitive);
        assert_eq!(map.concept_lines, [7, 14]);
        assert_eq!(map.term_lines[0], [9, 10, 10]);
    }

    #[test]
    fn errors_point_at_the_token() {
        let bad = SAMPLE.replace("\"admitted\"", "\"prefered\"");
        let e = parse("g.toml", &bad).unwrap_err();
        assert_eq!((e.line, e.column), (10, 45), "{e}");
        assert!(e.to_string().contains("unknown status `prefered`"));
        let e = parse(
            "g.toml",
            "[[concept]]\nid = \"x\"\ntype = \"place\"\nen = [\"X\"\n",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("g.toml:4:"), "{e}");
    }

    #[test]
    fn required_languages_are_set_in_place_or_after_the_opening_comment() {
        let set = |text: &str| {
            let mut f = GlossaryFile {
                path: "g.toml".into(),
                text: text.into(),
                glossary: parse("g", text).unwrap().0,
                map: SourceMap::default(),
                layout: Layout::default(),
            };
            f.set_required_languages_unchecked(&["en".into(), "sq".into()])
                .unwrap();
            assert_eq!(f.glossary.required_languages, ["en", "sq"]);
            f.text
        };
        let block = "[glossary]\nrequired-languages = [\"en\", \"sq\"]\n";
        let concept = "[[concept]]\nid = \"x\"\ntype = \"place\"\nen = [\"X\"]\n";
        // the comment of the first concept stays with it
        assert_eq!(
            set(&format!("# x\n{concept}")),
            format!("{block}\n# x\n{concept}")
        );
        assert_eq!(
            set(&format!("# file\n\n# x\n{concept}")),
            format!("# file\n\n{block}\n# x\n{concept}")
        );
        assert_eq!(
            set("# only a comment\n"),
            format!("# only a comment\n\n{block}")
        );
        assert_eq!(set(""), block);
        assert_eq!(
            set("[glossary]\ndescription = \"d\"\n"),
            format!("[glossary]\ndescription = \"d\"\nrequired-languages = [\"en\", \"sq\"]\n")
        );
        assert_eq!(set(SAMPLE), SAMPLE);
    }

    #[test]
    fn long_lines_are_shown_around_the_column() {
        let line = format!("{}<bad>{}", "a".repeat(300), "b".repeat(300));
        let e = FileError::at("f.tbx", &line, Some(300), "here");
        let shown = e.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[0], "f.tbx:1:301: here");
        assert!(lines[2].starts_with("1 | …aaa") && lines[2].ends_with("bbb…"));
        assert_eq!(lines[2].chars().count(), "1 | ".len() + 2 + EXCERPT_CHARS);
        let caret = lines[3].chars().count() - 1;
        assert_eq!(lines[2].chars().nth(caret), Some('<'), "{shown}");
    }

    #[test]
    fn edits_keep_comments_and_order() {
        let mut f = GlossaryFile {
            path: "g.toml".into(),
            text: SAMPLE.into(),
            glossary: parse("g", SAMPLE).unwrap().0,
            map: SourceMap::default(),
            layout: Layout::default(),
        };
        let c = Concept {
            id: "moscow".into(),
            kind: "place".into(),
            note: None,
            terms: vec![Term {
                lang: "en".into(),
                text: "Moscow".into(),
                status: Status::Preferred,
                case_sensitive: false,
                exact_only: false,
                note: None,
            }],
        };
        f.add(&c).unwrap();
        let ids: Vec<_> = f.glossary.concepts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["kosovo", "moscow", "nato"]);
        assert!(
            f.text
                .contains("# NATO comment\n[[concept]]\nid = \"nato\"")
        );
        assert!(f.add(&c).is_err());
        f.rename("moscow", "a-moscow").unwrap();
        assert_eq!(f.glossary.concepts[0].id, "a-moscow");
        f.remove("a-moscow").unwrap();
        assert_eq!(f.text, SAMPLE);
    }

    fn concept(id: &str, en: &str) -> Concept {
        Concept {
            id: id.into(),
            kind: "place".into(),
            note: None,
            terms: vec![Term {
                lang: "en".into(),
                text: en.into(),
                status: Status::Preferred,
                case_sensitive: false,
                exact_only: false,
                note: None,
            }],
        }
    }

    #[test]
    fn a_merge_places_concepts_as_adding_them_one_by_one_does() {
        // unsorted on purpose: each new id goes before the first greater one
        let text = "# c\n[[concept]]\nid = \"c\"\ntype = \"place\"\nen = [\"C\"]\n\n[[concept]]\nid = \"m\"\ntype = \"place\"\nen = [\"M\"]\n\n[[concept]]\nid = \"f\"\ntype = \"place\"\nen = [\"F\"]\n";
        let file = || GlossaryFile {
            path: "g.toml".into(),
            text: text.into(),
            glossary: parse("g", text).unwrap().0,
            map: SourceMap::default(),
            layout: Layout::default(),
        };
        let new: Vec<Concept> = ["z", "a", "g", "d", "n", "e"]
            .iter()
            .map(|id| concept(id, &id.to_uppercase()))
            .collect();
        let mut one_by_one = file();
        for c in &new {
            one_by_one.add(c).unwrap();
        }
        let mut merged = file();
        let glossary = Glossary {
            required_languages: Vec::new(),
            concepts: new.clone(),
        };
        let imported = Imported {
            carries: Carries::all_of(&glossary),
            glossary,
            lines: SourceMap::default(),
            read: Default::default(),
        };
        let m = merged.merge(&imported, "i.csv", false).unwrap();
        assert_eq!(m.added, 6);
        assert_eq!(merged.text, one_by_one.text);
        // into an empty file too
        let mut one_by_one = GlossaryFile::empty(Path::new("g.toml"), &[]);
        for c in &new {
            one_by_one.add(c).unwrap();
        }
        let mut merged = GlossaryFile::empty(Path::new("g.toml"), &[]);
        merged.merge(&imported, "i.csv", false).unwrap();
        assert_eq!(merged.text, one_by_one.text);
    }
}
