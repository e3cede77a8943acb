//! Quotations: where each one that is opened and closed inside a paragraph
//! begins and ends, for [`Quotations::Keep`](super::Quotations::Keep).
//!
//! Quote marks pair by the conventions of the languages that use them:
//! `“…”` (English), `„…“` and `„…”` (German, Slovak, Serbian, Polish),
//! `«…»` (French, Russian, Albanian, Armenian), `»…«` (German, Danish),
//! `”…”` (Swedish, Finnish), `‹…›`, `「…」`, straight `"…"` and `'…'`, and
//! tokenised `` ``…'' `` and `'' … ''`. An apostrophe is not a quote: `’` or
//! `'` between letters (`don’t`), or closing nothing (`the boys' books`, `'em`).
//! A quotation that is not closed in the paragraph is no span: fiction leaves
//! the quote of a speech that runs on into the next paragraph open.

use std::ops::Range;

/// The kinds of quotation a mark can open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// `“` (English): closed by `”`.
    Curly,
    /// `„` (low-9): closed by `“` or `”`.
    Low,
    /// `”` used as an opener (Swedish): closed by `”`.
    RightCurly,
    /// `«`: closed by `»`.
    Guillemet,
    /// `»` used as an opener (German): closed by `«`.
    ReverseGuillemet,
    /// `‹`: closed by `›`.
    Single,
    /// `›` as an opener: closed by `‹`.
    ReverseSingle,
    /// `‘`: closed by `’`.
    CurlySingle,
    /// `「` / `『`: closed by `」` / `』`.
    Corner,
    /// A straight `"` (or a tokenised `''` / ` `` `).
    Straight,
    /// A straight `'`.
    StraightSingle,
}

/// An open quotation: its kind, where its mark starts, and whether the mark
/// stood alone between spaces (a tokenised `'` or `''`).
#[derive(Debug, Clone, Copy)]
struct Entry {
    kind: Open,
    start: usize,
    detached: bool,
}

/// The byte ranges of the quotations of `text` that are closed in it, from the
/// opening mark to the end of the closing one. Nested quotations lie inside
/// their outer one; all are returned.
///
/// A straight quote standing alone between spaces (tokenised text: `said , '
/// Stanley .`) may open or close, but two such marks make no quotation: in
/// tokenised text they pair as often by chance as by sense.
pub(crate) fn spans(text: &str) -> Vec<Range<usize>> {
    let mut stack: Vec<Entry> = Vec::new();
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let char_at = |k: usize| text.get(k..).and_then(|r| r.chars().next()).unwrap_or(' ');
    let mut i = 0;
    while i < bytes.len() {
        // Only these bytes start a quote mark: ASCII `"` `'` `` ` ``, and the
        // lead bytes of `«»` (C2), `“”„‘’‹›` (E2) and `「」『』` (E3).
        if !matches!(bytes[i], b'"' | b'\'' | b'`' | 0xC2 | 0xE2 | 0xE3) {
            i += 1;
            continue;
        }
        let c = char_at(i);
        let prev = text[..i].chars().next_back().unwrap_or(' ');
        let mut end = i + c.len_utf8();
        let mut next = char_at(end);
        // `''` and ``` `` ```: one double quote.
        let doubled = matches!(c, '\'' | '`') && next == c;
        if doubled {
            end += 1;
            next = char_at(end);
        }
        let start = i;
        i = end;
        let open_here = prev.is_whitespace() || is_open_context(prev);
        let detached = prev.is_whitespace() && next.is_whitespace();
        let mut close = |stack: &mut Vec<Entry>, closes: &dyn Fn(&Entry) -> bool| -> bool {
            match stack.iter().rposition(closes) {
                Some(k) => {
                    out.push(stack[k].start..end);
                    stack.truncate(k);
                    true
                }
                None => false,
            }
        };
        let open = |kind: Open| Entry {
            kind,
            start,
            detached,
        };
        if let Some((closes, opens)) = pairing(c) {
            // `’` inside a word is an apostrophe (`don’t`); `”` opens only
            // where an opener can stand (Swedish `”Ja”`).
            let apostrophe = c == '’' && prev.is_alphanumeric() && next.is_alphanumeric();
            let closed = !apostrophe && close(&mut stack, &|e: &Entry| closes.contains(&e.kind));
            if let Some(kind) = opens.filter(|_| !closed && (c != '”' || open_here)) {
                stack.push(open(kind));
            }
            continue;
        }
        match c {
            // A backquote only opens (``` ``Yes.'' ```, `` `And what?' ``).
            '`' => stack.push(open(if doubled {
                Open::Straight
            } else {
                Open::StraightSingle
            })),
            '"' | '\'' => {
                let kind = if c == '"' || doubled {
                    Open::Straight
                } else {
                    Open::StraightSingle
                };
                // An apostrophe: inside a word (`they'll`), or a tokenised
                // contraction (`Walter 's`, `they 're`).
                let apostrophe = kind == Open::StraightSingle
                    && ((prev.is_alphanumeric() && next.is_alphanumeric())
                        || (prev.is_whitespace() && contraction(&text[end..])));
                // After white space and before a word only an opener can stand.
                let only_opens = open_here && !next.is_whitespace() && !is_close_context(next);
                // A backquote opening is closed by a straight quote of either width.
                let closes = |e: &Entry| {
                    (e.kind == kind || (kind == Open::StraightSingle && e.kind == Open::Straight))
                        && !(detached && e.detached)
                };
                if !apostrophe && (only_opens || !close(&mut stack, &closes)) && open_here {
                    stack.push(open(kind));
                }
            }
            _ => {}
        }
    }
    out
}

/// What a curly quote, guillemet or corner bracket closes (the kinds it may
/// close, innermost first) and what it opens when it closes nothing.
fn pairing(c: char) -> Option<(&'static [Open], Option<Open>)> {
    use Open::*;
    Some(match c {
        '“' => (&[Low], Some(Curly)),
        '”' => (&[Curly, Low, RightCurly], Some(RightCurly)),
        '„' => (&[], Some(Low)),
        '«' => (&[ReverseGuillemet], Some(Guillemet)),
        '»' => (&[Guillemet], Some(ReverseGuillemet)),
        '‹' => (&[ReverseSingle], Some(Single)),
        '›' => (&[Single], Some(ReverseSingle)),
        '「' | '『' => (&[], Some(Corner)),
        '」' | '』' => (&[Corner], None),
        '‘' => (&[], Some(CurlySingle)),
        '’' => (&[CurlySingle], None),
        _ => return None,
    })
}

/// A tokenised English contraction after an apostrophe: `s`, `re`, `ve`,
/// `ll`, `d`, `m`, `t` and then no letter.
fn contraction(rest: &str) -> bool {
    ["s", "re", "ve", "ll", "d", "m", "t"].iter().any(|c| {
        rest.strip_prefix(c)
            .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
    })
}

/// Characters after which a quote mark opens a quotation.
fn is_open_context(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '—' | '–' | '-' | ':' | '“' | '„' | '«' | '»' | '‘' | '"' | '/'
    )
}

/// Characters before which a quote mark closes one.
fn is_close_context(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '…' | '”' | '»' | '«' | '’'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        spans(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn paired_marks_of_each_convention() {
        assert_eq!(quoted("He said “Go. Now.” Then"), ["“Go. Now.”"]);
        assert_eq!(quoted("„Idem. Hneď,“ povedal"), ["„Idem. Hneď,“"]);
        assert_eq!(quoted("Er sagte »Ja. Nein.« und"), ["»Ja. Nein.«"]);
        assert_eq!(
            quoted("«Да? – спросила. – Нет»."),
            ["«Да? – спросила. – Нет»"]
        );
        assert_eq!(quoted("Il dit « Oui. Non. » Puis"), ["« Oui. Non. »"]);
        assert_eq!(
            quoted("\"How many? I don't know.\""),
            ["\"How many? I don't know.\""]
        );
        assert_eq!(quoted("tokens '' a . b.'' here"), ["'' a . b.''"]);
        // Two marks standing alone pair by chance as often as by sense.
        assert!(spans("tokens '' a . b '' here").is_empty());
        assert_eq!(quoted("``Yes. No.'' he"), ["``Yes. No.''"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(spans("Don't go. It's the boys' turn. We’re late.").is_empty());
        assert_eq!(
            quoted("'No, they'll not. If they try, they'll see.'"),
            ["'No, they'll not. If they try, they'll see.'"]
        );
    }

    #[test]
    fn unclosed_quotations_are_no_spans() {
        assert!(spans("“He went on and on. And on.").is_empty());
        assert_eq!(quoted("“A.” “B. C."), ["“A.”"]);
    }

    #[test]
    fn nested_quotations() {
        assert_eq!(
            quoted("«Он сказал „да“. Потом ушёл»."),
            ["„да“", "«Он сказал „да“. Потом ушёл»"]
        );
    }
}
