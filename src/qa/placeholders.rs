//! Placeholders (`{0}`, `{name}`, `{{name}}`, `%s`, `%1$d`, `%(name)s`,
//! `${name}`) and markup tags (`<b>`, `</b>`, `<br/>`) must be the same, as
//! multisets, in source and target.
//!
//! [`find`] is the one recogniser of placeholders written in text, and
//! [`find_tags`] of markup tags: qa compares what they find, and lookup
//! reads each as a tag token ([`crate::lookup::score`]), so that a
//! placeholder or a tag typed in a query stands where a stored inline code
//! stands, and a `<` in prose is no tag to either.

use std::ops::Range;

use super::Hit;

/// What kind of placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A format or template placeholder: `{0}`, `{name}`, `{/1}`,
    /// `{{name}}`, `%s`, `%1$d`, `%(name)s`, `${name}`. No prose holds one,
    /// so a translation keeps it.
    Format,
    /// A variable without braces, `$HOME`: also how a currency may be
    /// written (`$US 5`).
    Variable,
    /// A character entity, `&amp;`, `&#160;`: a translation may write the
    /// character, or a word, instead.
    Entity,
}

/// A placeholder: where it is in the text, and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub range: Range<usize>,
    pub kind: Kind,
}

/// Every placeholder of `s`, in text order, none overlapping.
pub fn find(s: &str) -> Vec<Placeholder> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    if !b.iter().any(|c| matches!(c, b'{' | b'%' | b'$' | b'&')) {
        return out;
    }
    let mut i = 0;
    while i < b.len() {
        let found = match b[i] {
            b'{' => braces(b, i).map(|end| (end, Kind::Format)),
            b'%' if b.get(i + 1) == Some(&b'%') => {
                i += 2;
                continue;
            }
            b'%' => printf(b, i).map(|end| (end, Kind::Format)),
            b'$' => variable(b, i),
            b'&' => entity(b, i).map(|end| (end, Kind::Entity)),
            _ => None,
        };
        match found {
            Some((end, kind)) => {
                out.push(Placeholder {
                    range: i..end,
                    kind,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// The end of `{{name}}` (spaces inside allowed), `{name}` or `{/name}`
/// (name: letters, digits, `_ : .`) starting at `i`.
fn braces(b: &[u8], i: usize) -> Option<usize> {
    let name = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b':' | b'.');
    let close = |from: usize| {
        b[from..]
            .iter()
            .take(40)
            .position(|&c| c == b'}')
            .map(|e| from + e)
    };
    if b.get(i + 1) == Some(&b'{') {
        if let Some(e) = close(i + 2).filter(|&e| b.get(e + 1) == Some(&b'}')) {
            let mut inner = &b[i + 2..e];
            while let Some(rest) = inner.strip_prefix(b" ") {
                inner = rest;
            }
            while let Some(rest) = inner.strip_suffix(b" ") {
                inner = rest;
            }
            if !inner.is_empty() && inner.iter().all(|&c| name(c)) {
                return Some(e + 2);
            }
        }
    }
    let e = close(i + 1)?;
    let inner = b[i + 1..e].strip_prefix(b"/").unwrap_or(&b[i + 1..e]);
    (!inner.is_empty() && inner.iter().all(|&c| name(c))).then_some(e + 1)
}

/// The end of a printf conversion, `%[n$ or (name)][flags][width][.prec]conv`,
/// starting at `i`, standing apart from letters and digits (`10%s` is none).
fn printf(b: &[u8], i: usize) -> Option<usize> {
    let digits = |j: &mut usize| {
        while *j < b.len() && b[*j].is_ascii_digit() {
            *j += 1;
        }
    };
    let mut j = i + 1;
    if b.get(j) == Some(&b'(') {
        let name = b[j + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count();
        if name == 0 || b.get(j + 1 + name) != Some(&b')') {
            return None;
        }
        j += name + 2;
    } else {
        digits(&mut j);
        if b.get(j) == Some(&b'$') {
            j += 1;
        } else {
            j = i + 1;
        }
    }
    while j < b.len() && matches!(b[j], b'-' | b'+' | b'0' | b'#') {
        j += 1;
    }
    digits(&mut j);
    if b.get(j) == Some(&b'.') {
        j += 1;
        digits(&mut j);
    }
    let conv = b.get(j).copied();
    let prev_ok = i == 0 || !b[i - 1].is_ascii_alphanumeric();
    let next_ok = b.get(j + 1).is_none_or(|c| !c.is_ascii_alphanumeric());
    (prev_ok && next_ok && conv.is_some_and(|c| b"sdifuxXoeEgGcp@".contains(&c))).then_some(j + 1)
}

/// `${name}` (a format placeholder) or `$name` (a variable) at `i`, not
/// after a letter or digit (`US$`); a name starts with a letter or `_`
/// (`$5` is a price).
fn variable(b: &[u8], i: usize) -> Option<(usize, Kind)> {
    if i > 0 && b[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let ident = |from: usize| {
        let starts = b
            .get(from)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_');
        let len = b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count();
        starts.then_some(from + len)
    };
    if b.get(i + 1) == Some(&b'{') {
        let end = ident(i + 2)?;
        return (b.get(end) == Some(&b'}')).then_some((end + 1, Kind::Format));
    }
    ident(i + 1).map(|end| (end, Kind::Variable))
}

/// The end of a character entity at `i`: `&name;`, `&#160;`, `&#xA0;`.
fn entity(b: &[u8], i: usize) -> Option<usize> {
    let body = &b[i + 1..];
    let (skip, ok): (usize, fn(&u8) -> bool) = match body {
        [b'#', b'x' | b'X', ..] => (2, u8::is_ascii_hexdigit),
        [b'#', ..] => (1, u8::is_ascii_digit),
        [c, ..] if c.is_ascii_alphabetic() => (0, u8::is_ascii_alphanumeric),
        _ => return None,
    };
    let n = body[skip..].iter().take(32).take_while(|c| ok(c)).count();
    (n > 0 && body.get(skip + n) == Some(&b';')).then_some(i + 1 + skip + n + 1)
}

/// The format placeholders of `s` (the ones a translation keeps), sorted.
pub fn placeholders(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = find(s)
        .into_iter()
        .filter(|p| p.kind == Kind::Format)
        .map(|p| &s[p.range])
        .collect();
    out.sort_unstable();
    out
}

/// A markup tag written in text: `<b>`, `</b>`, `<br/>`, `<x id="1"/>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The whole tag, `<` to `>`.
    pub range: Range<usize>,
    /// Its element name (`b`, `x`).
    pub name: Range<usize>,
    pub form: TagForm,
}

/// Opening, closing or empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagForm {
    /// `<b>`, `<a href="x">`
    Open,
    /// `</b>`
    Close,
    /// `<br/>`, `<x id="1"/>`
    Empty,
}

impl Tag {
    /// The tag without its attributes: `<a>`, `</a>`, `<br/>`.
    pub fn bare(&self, s: &str) -> String {
        let name = &s[self.name.clone()];
        match self.form {
            TagForm::Open => format!("<{name}>"),
            TagForm::Close => format!("</{name}>"),
            TagForm::Empty => format!("<{name}/>"),
        }
    }
}

/// The longest tag read, in bytes: a `<` with a `>` further on is prose.
const MAX_TAG: usize = 200;

/// Every markup tag of `s`, in text order, none overlapping: the one
/// recogniser of tags written in text, which qa compares and lookup reads
/// as tag tokens. A tag is `<` (or `</`), a name (an ASCII letter, then
/// letters, digits, `- _ : .`), then `>`, `/>`, or whitespace and
/// attributes up to `>`, on one line; a quoted value may hold `<` and `>`.
/// So a `<` in prose (`a < b`, `<3`, `<a,b>`, an unclosed `<b`) is none.
pub fn find_tags(s: &str) -> Vec<Tag> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let start = i + off;
        match tag_at(b, start) {
            Some(tag) => {
                i = tag.range.end;
                out.push(tag);
            }
            None => i = start + 1,
        }
    }
    out
}

/// The tag that starts at `b[i]` (a `<`), if one does.
fn tag_at(b: &[u8], i: usize) -> Option<Tag> {
    let closing = b.get(i + 1) == Some(&b'/');
    let name_start = i + 1 + usize::from(closing);
    if !b.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = name_start
        + b[name_start..]
            .iter()
            .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
            .count();
    let tag = |end: usize, empty: bool| Tag {
        range: i..end,
        name: name_start..name_end,
        form: match (closing, empty) {
            (true, _) => TagForm::Close,
            (false, true) => TagForm::Empty,
            (false, false) => TagForm::Open,
        },
    };
    match *b.get(name_end)? {
        b'>' => return Some(tag(name_end + 1, false)),
        b'/' => return (b.get(name_end + 1) == Some(&b'>')).then(|| tag(name_end + 2, true)),
        b' ' | b'\t' => {}
        _ => return None,
    }
    // Attributes: a quote after `=` opens a value, which may hold `<` and `>`.
    let limit = b.len().min(i + MAX_TAG);
    let mut quote = None;
    let mut after_equals = false;
    for j in name_end..limit {
        let c = b[j];
        if matches!(c, b'\n' | b'\r') {
            return None;
        }
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            b'>' => return Some(tag(j + 1, b[j - 1] == b'/')),
            b'<' => return None,
            b'"' | b'\'' if after_equals => quote = Some(c),
            _ => {}
        }
        if c == b'=' {
            after_equals = true;
        } else if !c.is_ascii_whitespace() {
            after_equals = false;
        }
    }
    None
}

/// Markup tags of `s` as `<name>`, `</name>` or `<name/>`, sorted.
pub fn tags(s: &str) -> Vec<String> {
    let mut out: Vec<String> = find_tags(s).iter().map(|t| t.bare(s)).collect();
    out.sort_unstable();
    out
}

fn differ<T: AsRef<str> + Ord>(src: &[T], tgt: &[T]) -> (Vec<String>, Vec<String>) {
    let mut missing = Vec::new();
    let mut extra = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < src.len() || j < tgt.len() {
        match (src.get(i), tgt.get(j)) {
            (Some(a), Some(b)) if a == b => {
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a < b => {
                missing.push(a.as_ref().to_string());
                i += 1;
            }
            (Some(a), None) => {
                missing.push(a.as_ref().to_string());
                i += 1;
            }
            (_, Some(b)) => {
                extra.push(b.as_ref().to_string());
                j += 1;
            }
            (None, None) => break,
        }
    }
    (missing, extra)
}

fn report(
    id: &'static str,
    what: &str,
    missing: Vec<String>,
    extra: Vec<String>,
    hits: &mut Vec<Hit>,
) {
    if missing.is_empty() && extra.is_empty() {
        return;
    }
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("missing in the target: {}", missing.join(" ")));
    }
    if !extra.is_empty() {
        parts.push(format!("not in the source: {}", extra.join(" ")));
    }
    hits.push(Hit::new(
        id,
        format!(
            "{what} differ ({}): keep them as in the source",
            parts.join("; ")
        ),
    ));
}

/// The tags of one side: its TMX inline codes when it has markup, else the
/// HTML-like tags written in its text.
fn side_tags(text: &str, markup: Option<&str>) -> Vec<String> {
    match markup {
        Some(m) => crate::interchange::tmx::inline_codes(m),
        None if text.contains('<') => tags(text),
        None => Vec::new(),
    }
}

/// `markup`: the TMX inline markup of the source and the target, if any.
pub fn check(
    source: &str,
    target: &str,
    markup: (Option<&str>, Option<&str>),
    enabled: &dyn Fn(&str) -> bool,
    hits: &mut Vec<Hit>,
) {
    let has = |s: &str, c: &[char]| s.contains(c);
    if enabled("placeholder-mismatch") && (has(source, &['{', '%']) || has(target, &['{', '%'])) {
        let (m, e) = differ(&placeholders(source), &placeholders(target));
        report("placeholder-mismatch", "placeholders", m, e, hits);
    }
    let maybe = |t: &str, m: Option<&str>| m.is_some() || t.contains('<');
    if enabled("tag-mismatch") && (maybe(source, markup.0) || maybe(target, markup.1)) {
        let (m, e) = differ(&side_tags(source, markup.0), &side_tags(target, markup.1));
        report("tag-mismatch", "tags", m, e, hits);
    }
}

/// Texts where what is a tag is in question, with the tags they hold as
/// written and as [`tags`] names them: a `<` in prose is no tag, nor is
/// an escaped one (`&lt;b&gt;`) or one of guillemets. Lookup's tokens read
/// the same tags ([`crate::lookup::score`]'s tests).
#[cfg(test)]
pub(crate) const TAG_CASES: &[(&str, &[&str], &[&str])] = &[
    ("a < b and 3 < 4 > 2", &[], &[]),
    ("<3 you", &[], &[]),
    ("x<y>z", &["<y>"], &["<y>"]),
    (
        "line<br/>break <br />",
        &["<br/>", "<br />"],
        &["<br/>", "<br/>"],
    ),
    ("< b>", &[], &[]),
    (
        r#"<a href="x>y">link</a>"#,
        &[r#"<a href="x>y">"#, "</a>"],
        &["</a>", "<a>"],
    ),
    (
        r#"<a title='a<b'>x</a>"#,
        &["<a title='a<b'>", "</a>"],
        &["</a>", "<a>"],
    ),
    ("an unclosed <b tag", &[], &[]),
    (
        "an unclosed <b and <i>x</i>",
        &["<i>", "</i>"],
        &["</i>", "<i>"],
    ),
    ("a <b at a line's end\nand c> d", &[], &[]),
    ("the pair <a,b> and <a;b>", &[], &[]),
    ("<//b> <b//>", &[], &[]),
    (
        "</b > <x:y.z-1>",
        &["</b >", "<x:y.z-1>"],
        &["</b>", "<x:y.z-1>"],
    ),
    (
        r#"<x id="1"/> <ph x="2" />"#,
        &[r#"<x id="1"/>"#, r#"<ph x="2" />"#],
        &["<ph/>", "<x/>"],
    ),
    (r#"<a title="unclosed>x"#, &[], &[]),
    ("&lt;b&gt; ‹b> ‹b› ＜b＞", &[], &[]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_as_a_translator_writes_them() {
        let wrong: Vec<_> = TAG_CASES
            .iter()
            .map(|(text, _, named)| (text, tags(text), named))
            .filter(|(_, got, want)| got != *want)
            .collect();
        assert!(wrong.is_empty(), "(text, read, right): {wrong:#?}");
    }

    #[test]
    fn finds_placeholders_and_tags() {
        assert_eq!(
            placeholders("{0} of %s at 100% and %1$d {name}"),
            ["%1$d", "%s", "{0}", "{name}"]
        );
        assert!(placeholders("50% done, 10%s").is_empty());
        assert_eq!(
            tags("<b>bold</b> and <br/> <a href=\"x\">x</a> 3 < 4 > 2"),
            ["</a>", "</b>", "<a>", "<b>", "<br/>"]
        );
        let mut h = Vec::new();
        check(
            "Hello {0}, <b>you</b>",
            "Përshëndetje {1}, <b>ti",
            (None, None),
            &|_| true,
            &mut h,
        );
        let ids: Vec<_> = h.iter().map(|h| h.check).collect();
        assert_eq!(ids, ["placeholder-mismatch", "tag-mismatch"]);
    }

    #[test]
    fn finds_template_python_and_shell_placeholders_whole() {
        assert_eq!(
            placeholders("{{name}} has %(count)d files in ${DIR}, {1}see{/1}"),
            ["${DIR}", "%(count)d", "{/1}", "{1}", "{{name}}"]
        );
        // A template placeholder that lost a brace is another placeholder.
        let mut h = Vec::new();
        check(
            "Hello {{name}}",
            "Tungjatjeta {name}",
            (None, None),
            &|_| true,
            &mut h,
        );
        assert_eq!(h.len(), 1);
        assert!(
            h[0].message.contains("missing in the target: {{name}}"),
            "{}",
            h[0].message
        );
        // A bare $WORD (also `$US 5`) and an entity (`&amp;`, which a
        // translation may write as a word) are found, but qa does not ask
        // the target to keep them.
        let found: Vec<(&str, Kind)> = find("$US 5 &amp; $HOME")
            .into_iter()
            .map(|p| (&"$US 5 &amp; $HOME"[p.range], p.kind))
            .collect();
        assert_eq!(
            found,
            [
                ("$US", Kind::Variable),
                ("&amp;", Kind::Entity),
                ("$HOME", Kind::Variable)
            ]
        );
        assert!(placeholders("$US 5 &amp; $HOME").is_empty());
    }

    #[test]
    fn compares_tmx_inline_codes_not_their_numbering() {
        let run = |src: Option<&str>, tgt: Option<&str>| {
            let mut h = Vec::new();
            check("Save now", "Ruaje tani", (src, tgt), &|_| true, &mut h);
            h
        };
        let src = r#"<bpt i="1" x="1">&lt;b></bpt>Save<ept i="1">&lt;/b></ept> now"#;
        let same = r#"<bpt i="2" x="1">&lt;b></bpt>Ruaje<ept i="2">&lt;/b></ept> tani"#;
        assert!(run(Some(src), Some(same)).is_empty());
        // The target lost its codes: in TMX the plain text has none.
        let lost = run(Some(src), None);
        assert_eq!(lost.len(), 1);
        assert!(lost[0].message.contains("missing in the target: </b> <b>"));
        let other = r#"<bpt i="1" x="1">&lt;i></bpt>Ruaje<ept i="1">&lt;/i></ept> tani"#;
        assert_eq!(run(Some(src), Some(other))[0].check, "tag-mismatch");
    }
}
