//! Placeholders (`{0}`, `{name}`, `%s`, `%1$d`) and markup tags (`<b>`,
//! `</b>`, `<br/>`) must be the same, as multisets, in source and target.

use super::Hit;

/// Placeholders of `s`, sorted.
pub fn placeholders(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' => {
                let end = b[i + 1..]
                    .iter()
                    .take(40)
                    .position(|&c| c == b'}')
                    .map(|e| i + 1 + e);
                if let Some(e) = end {
                    let inner = &s[i + 1..e];
                    if !inner.is_empty()
                        && inner
                            .bytes()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b':' | b'.'))
                    {
                        out.push(&s[i..=e]);
                        i = e + 1;
                        continue;
                    }
                }
            }
            b'%' => {
                if b.get(i + 1) == Some(&b'%') {
                    i += 2;
                    continue;
                }
                // %[n$][flags][width][.prec]conv
                let mut j = i + 1;
                let digits = |j: &mut usize| {
                    while *j < b.len() && b[*j].is_ascii_digit() {
                        *j += 1;
                    }
                };
                digits(&mut j);
                if b.get(j) == Some(&b'$') {
                    j += 1;
                } else {
                    j = i + 1;
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
                if prev_ok && next_ok && conv.is_some_and(|c| b"sdifuxXoeEgGcp@".contains(&c)) {
                    out.push(&s[i..=j]);
                    i = j + 1;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out.sort_unstable();
    out
}

/// Markup tags of `s` as `<name>`, `</name>` or `<name/>`, sorted.
pub fn tags(s: &str) -> Vec<String> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let start = i + off;
        i = start + 1;
        let Some(len) = b[start..].iter().take(200).position(|&c| c == b'>') else {
            continue;
        };
        let inner = &s[start + 1..start + len];
        let closing = inner.starts_with('/');
        let body = inner.trim_start_matches('/');
        let name: &str = &body[..body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(body.len())];
        if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
            continue;
        }
        let rest = &body[name.len()..];
        if !(rest.is_empty() || rest.starts_with([' ', '/'])) {
            continue;
        }
        let selfclosing = inner.ends_with('/');
        out.push(match (closing, selfclosing) {
            (true, _) => format!("</{name}>"),
            (false, true) => format!("<{name}/>"),
            (false, false) => format!("<{name}>"),
        });
        i = start + len + 1;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
